package dev.changewire.instances.control;

import dev.changewire.platform.control.ApiException;
import java.util.Map;

/** The elements this server can connect to. */
public final class ElementCatalog {

    public static final String CONSTANT_CONTACT = "constantcontact";
    private static final Map<String, String> NAMES = Map.of(CONSTANT_CONTACT, "Constant Contact");

    private ElementCatalog() {
    }

    /** The element's display name, or a 404 naming the known keys. */
    public static String requireKnown(String key) {
        String name = key == null ? null : NAMES.get(key);
        if (name == null) {
            throw ApiException.notFound("Unknown element '" + key + "'; known elements: " + String.join(", ", NAMES.keySet()));
        }
        return name;
    }

    public static String name(String key) {
        return NAMES.getOrDefault(key, key);
    }
}
