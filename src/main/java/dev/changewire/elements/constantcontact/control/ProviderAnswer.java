package dev.changewire.elements.constantcontact.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Constant Contact V3 answer means for the caller. V3 errors are a JSON array of
 * {@code {"error_key","error_message"}}; a 429 is {@code throttled} (per second) or
 * {@code quota_exceeded} (per day).
 */
public record ProviderAnswer(Kind kind, int status, String errorKey, String providerMessage) {

    public enum Kind {
        /** 2xx */
        OK,
        /** 401: the access token is invalid or expired */
        UNAUTHORIZED,
        /** 429 throttled (or a 429 without a known key): wait and retry */
        THROTTLED,
        /** 429 quota_exceeded: the API key's day is spent */
        QUOTA_EXCEEDED,
        /** 5xx: retry with backoff */
        SERVER_ERROR,
        /** any other status: the provider refused the request */
        REJECTED
    }

    /** Longest provider message passed on. */
    static final int MAX_MESSAGE = 500;

    public static ProviderAnswer of(int status, String body) {
        if (status >= 200 && status < 300) {
            return new ProviderAnswer(Kind.OK, status, null, null);
        }
        List<String> keys = new ArrayList<>();
        String message = message(body, keys);
        String key = keys.isEmpty() ? null : keys.get(0);
        Kind kind;
        if (status == 401) {
            kind = Kind.UNAUTHORIZED;
        } else if (status == 429) {
            kind = keys.contains("quota_exceeded") ? Kind.QUOTA_EXCEEDED : Kind.THROTTLED;
        } else if (status >= 500) {
            kind = Kind.SERVER_ERROR;
        } else {
            kind = Kind.REJECTED;
        }
        return new ProviderAnswer(kind, status, key, message);
    }

    /** The error messages of a V3 error body joined, or the body itself (abbreviated) when it has another shape. */
    static String message(String body, List<String> keys) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            List<JsonObject> errors = new ArrayList<>();
            if (value instanceof JsonArray array) {
                array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).forEach(errors::add);
            } else if (value instanceof JsonObject object) {
                errors.add(object);
            }
            List<String> messages = new ArrayList<>();
            for (JsonObject error : errors) {
                if (error.get("error_key") instanceof JsonString k) {
                    keys.add(k.getString());
                }
                if (error.get("error_message") instanceof JsonString m) {
                    messages.add(m.getString());
                } else if (error.get("error_description") instanceof JsonString d) {
                    messages.add(d.getString());
                }
            }
            if (!messages.isEmpty()) {
                return abbreviate(String.join("; ", messages));
            }
        } catch (JsonException | IllegalStateException e) {
            // not JSON: pass the text on
        }
        return abbreviate(body.strip());
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
