package dev.changewire.sandbox.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Parsing and field-by-field validation of request bodies, each failure a Constant Contact-style 400 naming the field. */
public final class JsonBodies {

    public static final int MAX_BODY = 1 << 20;

    private JsonBodies() {
    }

    public static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw ProviderError.badRequest("json.invalid", "A JSON object body is required");
        }
        if (body.length() > MAX_BODY) {
            throw new ProviderError(413, "request.too.large", "The body exceeds " + MAX_BODY + " characters");
        }
        JsonStructure structure;
        try (var reader = JSON.createReader(new StringReader(body))) {
            structure = reader.read();
        } catch (JsonException e) {
            throw ProviderError.badRequest("json.invalid", "Malformed JSON: " + e.getMessage());
        }
        if (!(structure instanceof JsonObject object)) {
            throw ProviderError.badRequest("json.invalid", "The body must be a JSON object");
        }
        return object;
    }

    /** A required non-blank string of at most {@code max} characters. */
    public static String requiredString(JsonObject o, String path, String field, int max) {
        String s = optionalString(o, path, field, max);
        if (s == null || s.isBlank()) {
            throw ProviderError.requiredField(path + field);
        }
        return s;
    }

    public static String optionalString(JsonObject o, String path, String field, int max) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw ProviderError.invalidField("The field '" + path + field + "' must be a string");
        }
        if (s.getString().length() > max) {
            throw ProviderError.invalidField("The field '" + path + field + "' must be at most " + max + " characters");
        }
        return s.getString();
    }

    public static Boolean optionalBoolean(JsonObject o, String path, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v == JsonValue.TRUE;
        }
        throw ProviderError.invalidField("The field '" + path + field + "' must be true or false");
    }

    public static Integer optionalInt(JsonObject o, String path, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            return n.intValue();
        }
        throw ProviderError.invalidField("The field '" + path + field + "' must be a whole number");
    }

    public static JsonObject optionalObject(JsonObject o, String path, String field) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonObject object) {
            return object;
        }
        throw ProviderError.invalidField("The field '" + path + field + "' must be an object");
    }

    public static JsonArray optionalArray(JsonObject o, String path, String field, int max) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonArray array)) {
            throw ProviderError.invalidField("The field '" + path + field + "' must be an array");
        }
        if (array.size() > max) {
            throw ProviderError.invalidField("The field '" + path + field + "' holds at most " + max + " items");
        }
        return array;
    }
}
