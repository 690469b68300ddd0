package dev.changewire.sandbox.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads a list endpoint's query parameters, each failure a 400 naming the parameter. */
public final class QueryParameters {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final Map<String, String> values;

    public QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    public Map<String, String> values() {
        return values;
    }

    public String string(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public int limit() {
        String v = string("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(v);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProviderError.invalidParameter("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + v + "'");
    }

    /** An ISO-8601 date-time ({@code 2026-11-27T13:00:00.123Z}, an offset, or none meaning UTC) or a date (its start, UTC). */
    public Instant instant(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProviderError.invalidParameter(name + " must be an ISO-8601 date or date-time such as 2026-11-27T13:00:00.000Z, not '" + v + "'");
        }
    }

    public boolean bool(String name) {
        String v = string(name);
        if (v == null) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw ProviderError.invalidParameter(name + " must be true or false, not '" + v + "'");
    }

    /** A comma list whose every item is one of {@code allowed}; empty when the parameter is absent. */
    public Set<String> choices(String name, Set<String> allowed, int max) {
        String v = string(name);
        Set<String> chosen = new LinkedHashSet<>();
        if (v == null) {
            return chosen;
        }
        for (String item : v.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            if (allowed != null && !allowed.contains(s)) {
                throw ProviderError.invalidParameter(name + ": '" + s + "' is not one of " + String.join(", ", sorted(allowed)));
            }
            chosen.add(s);
        }
        if (chosen.size() > max) {
            throw ProviderError.invalidParameter(name + " accepts at most " + max + " values");
        }
        return chosen;
    }

    /** A single value that must be one of {@code allowed}, or null. */
    public String choice(String name, Set<String> allowed) {
        String v = string(name);
        if (v != null && !allowed.contains(v)) {
            throw ProviderError.invalidParameter(name + " must be one of " + String.join(", ", sorted(allowed)) + ", not '" + v + "'");
        }
        return v;
    }

    private static String[] sorted(Set<String> s) {
        String[] a = s.toArray(String[]::new);
        Arrays.sort(a);
        return a;
    }
}
