package dev.changewire.notifications.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.instances.control.ConfigurationKeys;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code event.notification.callback.headers}: a JSON object of header name to string value, sent
 * with every callback. Headers that carry the notification's identity, signatures or framing cannot
 * be replaced this way.
 */
public final class CallbackHeaders {

    public static final String FIELD = ConfigurationKeys.CALLBACK_HEADERS;
    static final int MAX_HEADERS = 32;
    static final int MAX_JSON_LENGTH = 16_384;
    static final int MAX_VALUE_LENGTH = 4_096;

    /** Set by Changewire, or by the HTTP client from the request itself. */
    static final Set<String> RESERVED = Set.of(
            "content-type", "elements-webhook-id", "elements-webhook-signature",
            "webhook-id", "webhook-timestamp", "webhook-signature",
            "content-length", "host", "connection", "expect", "upgrade", "transfer-encoding", "te", "trailer",
            "keep-alive", "proxy-connection", "proxy-authorization");

    private CallbackHeaders() {
    }

    /**
     * The headers in their configured order; none for a null or blank value.
     *
     * @throws IllegalArgumentException naming the field, the header, and what is wrong with it
     */
    public static Map<String, String> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        if (json.length() > MAX_JSON_LENGTH) {
            throw new IllegalArgumentException(FIELD + " is longer than " + MAX_JSON_LENGTH + " characters");
        }
        JsonObject object;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(FIELD + " must be a JSON object of header name to string value,"
                    + " e.g. {\"X-Api-Key\":\"...\"}");
        }
        if (object.size() > MAX_HEADERS) {
            throw new IllegalArgumentException(FIELD + " may hold at most " + MAX_HEADERS + " headers, not " + object.size());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String name = entry.getKey();
            requireName(name);
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(FIELD + " names header '" + name + "' twice (names ignore case)");
            }
            if (!(entry.getValue() instanceof JsonString value)) {
                throw new IllegalArgumentException(FIELD + ": the value of '" + name + "' must be a JSON string");
            }
            headers.put(name, requireValue(name, value.getString()));
        }
        return Collections.unmodifiableMap(headers);
    }

    static void requireName(String name) {
        if (name.isEmpty() || name.length() > 256 || !name.chars().allMatch(CallbackHeaders::tokenChar)) {
            throw new IllegalArgumentException(FIELD + ": '" + printable(name) + "' is not a valid header name"
                    + " (letters, digits and !#$%&'*+-.^_`|~ only)");
        }
        // ce-*: CloudEvents' binary mode carries the event's attributes in headers of that prefix
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT)) || name.toLowerCase(Locale.ROOT).startsWith("ce-")) {
            throw new IllegalArgumentException(FIELD + ": header '" + name + "' is set by Changewire and cannot be configured");
        }
    }

    /** Field values: visible ASCII, spaces and tabs; leading and trailing whitespace is not part of a value. */
    private static String requireValue(String name, String value) {
        String stripped = value.strip();
        if (stripped.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(FIELD + ": the value of '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        // the value itself is never echoed: it may be a credential
        if (!stripped.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7e))) {
            throw new IllegalArgumentException(FIELD + ": the value of '" + name
                    + "' may hold only printable ASCII characters, spaces and tabs (no line breaks)");
        }
        return stripped;
    }

    private static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().limit(64).forEach(c -> shown.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "?"));
        return shown.toString();
    }
}
