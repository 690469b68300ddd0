package dev.changewire.instances.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.text.SimpleDateFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/**
 * The structural check of {@code event.poller.configuration} done when an instance is saved:
 * an object of resources, each with a {@code url} whose placeholders are known and an
 * {@code idField}, and date patterns that parse. Failures are IllegalArgumentExceptions whose message
 * names the offending key.
 */
public final class PollerConfigurationCheck {

    public static final String KEY = "event.poller.configuration";
    static final int MAX_RESOURCES = 100;
    static final Set<String> DATE_FORMAT_KEYS = Set.of("updatedDateFormat", "createdDateFormat");
    static final Set<String> TIMEZONE_KEYS = Set.of("updatedDateTimezone", "createdDateTimezone");
    static final Set<String> DATE_FIELD_KEYS = Set.of("updatedDateField", "createdDateField");
    static final String KNOWN_PLACEHOLDERS = "${gmtDate:<pattern>}, ${date:<pattern>}, ${date}, ${epoch}, ${epoch:s}, ${epoch:us}";

    private PollerConfigurationCheck() {
    }

    /** Checks the text of the configuration value (a JSON object, possibly as it was sent inside a string). */
    public static void check(String text) {
        JsonValue value = parse(text, KEY);
        if (value.getValueType() == JsonValue.ValueType.STRING) {
            // the object serialised as a string, then serialised again
            value = parse(((JsonString) value).getString(), KEY);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(KEY + " must be a JSON object of resource name to resource configuration");
        }
        JsonObject resources = value.asJsonObject();
        if (resources.size() > MAX_RESOURCES) {
            throw new IllegalArgumentException(KEY + " has " + resources.size() + " resources; at most " + MAX_RESOURCES + " are allowed");
        }
        resources.forEach(PollerConfigurationCheck::checkResource);
    }

    private static void checkResource(String name, JsonValue value) {
        String at = KEY + "." + name;
        if (name.isBlank()) {
            throw new IllegalArgumentException(KEY + " has a resource with an empty name");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(at + " must be an object with a url and an idField");
        }
        JsonObject resource = value.asJsonObject();
        String url = requiredString(resource, "url", at);
        checkPlaceholders(url, at + ".url");
        requiredString(resource, "idField", at);
        JsonValue dates = resource.get("datesConfiguration");
        if (dates != null && dates.getValueType() != JsonValue.ValueType.NULL) {
            if (dates.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException(at + ".datesConfiguration must be an object");
            }
            checkDates(dates.asJsonObject(), at + ".datesConfiguration");
        }
        checkNumber(resource, "pageSize", at, 1, 10_000);
        checkNumber(resource, "pollDelay", at, 0, 86_400);
        checkNumber(resource, "createdCheckTolerance", at, 0, 86_400);
        JsonValue filter = resource.get("filterByUpdatedDate");
        if (filter != null && !isBooleanLike(filter)) {
            throw new IllegalArgumentException(at + ".filterByUpdatedDate must be true or false");
        }
    }

    private static void checkDates(JsonObject dates, String at) {
        for (String key : DATE_FORMAT_KEYS) {
            String pattern = optionalString(dates, key, at);
            if (pattern != null && !pattern.equals("milliseconds")) {
                checkDatePattern(pattern, at + "." + key);
            }
        }
        for (String key : TIMEZONE_KEYS) {
            String zone = optionalString(dates, key, at);
            if (zone != null && !zone.isBlank()) {
                try {
                    ZoneId.of(zone);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException(at + "." + key + " '" + zone + "' is not a time zone (use e.g. UTC or America/New_York)");
                }
            }
        }
        for (String key : DATE_FIELD_KEYS) {
            optionalString(dates, key, at);
        }
    }

    /** Every {@code ${...}} in a url must be one the poller can fill in. */
    public static void checkPlaceholders(String url, String at) {
        int from = 0;
        for (int guard = 0; guard < 1000; guard++) {
            int start = url.indexOf("${", from);
            if (start < 0) {
                return;
            }
            int end = url.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException(at + " has an unterminated placeholder at position " + start);
            }
            String inside = url.substring(start + 2, end);
            checkPlaceholder(inside, at);
            from = end + 1;
        }
        throw new IllegalArgumentException(at + " has too many placeholders");
    }

    private static void checkPlaceholder(String inside, String at) {
        switch (inside) {
            case "date", "epoch", "epoch:s", "epoch:us" -> {
                return;
            }
            default -> {
            }
        }
        for (String prefix : new String[] {"gmtDate:", "date:"}) {
            if (inside.startsWith(prefix)) {
                String pattern = inside.substring(prefix.length());
                if (pattern.isEmpty()) {
                    throw new IllegalArgumentException(at + " placeholder ${" + inside + "} has an empty date pattern");
                }
                checkDatePattern(pattern, at + " placeholder ${" + inside + "}");
                return;
            }
        }
        throw new IllegalArgumentException(at + " has an unknown placeholder ${" + inside + "}; known: " + KNOWN_PLACEHOLDERS);
    }

    static void checkDatePattern(String pattern, String at) {
        try {
            new SimpleDateFormat(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": '" + pattern + "' is not a Java SimpleDateFormat pattern (" + e.getMessage()
                    + ") nor the word milliseconds");
        }
    }

    private static void checkNumber(JsonObject resource, String key, String at, long min, long max) {
        JsonValue v = resource.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        long n;
        try {
            n = v.getValueType() == JsonValue.ValueType.NUMBER ? ((JsonNumber) v).longValueExact()
                    : v.getValueType() == JsonValue.ValueType.STRING ? Long.parseLong(((JsonString) v).getString().trim()) : Long.MIN_VALUE;
        } catch (ArithmeticException | NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(at + "." + key + " must be a whole number from " + min + " to " + max);
        }
    }

    private static boolean isBooleanLike(JsonValue v) {
        return switch (v.getValueType()) {
            case TRUE, FALSE, NULL -> true;
            case STRING -> Set.of("true", "false").contains(((JsonString) v).getString().trim().toLowerCase(java.util.Locale.ROOT));
            default -> false;
        };
    }

    private static String requiredString(JsonObject o, String key, String at) {
        String value = optionalString(o, key, at);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(at + "." + key + " is required");
        }
        return value;
    }

    private static String optionalString(JsonObject o, String key, String at) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw new IllegalArgumentException(at + "." + key + " must be a string");
        }
        return ((JsonString) v).getString();
    }

    private static JsonValue parse(String text, String at) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new IllegalArgumentException(at + " is not valid JSON: " + e.getMessage());
        }
    }
}
