package dev.changewire.instances.control;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Cloud Elements clients send configuration values as strings or as native JSON ({@code true},
 * {@code 15}, an object); they are all kept as text, the way Cloud Elements returns them. The
 * parsers of the value types every component shares live here, so a flag means the same everywhere.
 */
public final class ConfigurationValues {

    private ConfigurationValues() {
    }

    /** The text form of a value; null for JSON null (which removes the key on a merge). */
    public static String coerce(String key, JsonValue value) {
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case NULL -> null;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            case OBJECT, ARRAY -> value.toString();
            default -> throw ApiException.badRequest("configuration." + key + " has an unsupported value type " + value.getValueType());
        };
    }

    /**
     * A flag: {@code true} or {@code false} (any case, surrounding blanks ignored); absent or blank is
     * the key's default.
     *
     * @throws IllegalArgumentException naming the key, for anything else
     */
    public static boolean flag(String key, String text, boolean absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + Abbreviation.of(text) + "'");
        };
    }

    /** The registered key's flag in a configuration, with the registered default. */
    public static boolean flag(Map<String, String> configuration, String key) {
        return flag(key, configuration.get(key), Boolean.parseBoolean(ConfigurationKeys.of(key).defaultValue()));
    }

    /**
     * An absolute http or https URL; absent or blank is null.
     *
     * @throws IllegalArgumentException naming the key, for anything else
     */
    public static URI httpUrl(String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String problem;
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
            problem = "must be an absolute http or https URL";
        } catch (URISyntaxException e) {
            problem = "is not a URL (" + e.getReason() + ")";
        }
        throw new IllegalArgumentException(key + " " + problem + ", got '" + Abbreviation.of(text) + "'");
    }
}
