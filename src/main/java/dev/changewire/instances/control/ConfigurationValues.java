package dev.changewire.instances.control;

import dev.changewire.platform.control.ApiException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Cloud Elements clients send configuration values as strings or as native JSON ({@code true},
 * {@code 15}, an object); they are all kept as text, the way Cloud Elements returns them.
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
}
