package dev.changewire.hubs.control;

import dev.changewire.hubs.entity.FieldPath;
import dev.changewire.platform.control.ApiException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code orderBy=modified_date desc, id}: sort keys over normalized records.
 * Absent and null values sort last in either direction. Values of different kinds never compare
 * equal, they sort by kind (numbers, dates, other strings, booleans, the rest), so the order is a
 * total one and sorting never trips over a mixed column; dates compare as instants.
 */
public record OrderBy(List<Key> keys) {

    public static final int MAX_LENGTH = 4096;
    public static final int MAX_KEYS = 20;

    public record Key(FieldPath field, boolean descending) {
    }

    public OrderBy {
        keys = List.copyOf(keys);
    }

    /** Parses the parameter; null or blank means no order (an empty key list). */
    public static OrderBy parse(String orderBy) {
        if (orderBy == null || orderBy.isBlank()) {
            return new OrderBy(List.of());
        }
        if (orderBy.length() > MAX_LENGTH) {
            throw ApiException.badRequest("orderBy: longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = orderBy.split(",", -1);
        if (parts.length > MAX_KEYS) {
            throw ApiException.badRequest("orderBy: more than " + MAX_KEYS + " sort fields");
        }
        List<Key> keys = new ArrayList<>();
        for (String part : parts) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                throw ApiException.badRequest("orderBy: empty sort field in '" + FieldPathSyntax.abbreviate(orderBy) + "'");
            }
            String name = trimmed;
            boolean descending = false;
            int space = lastSpace(trimmed);
            if (space > 0) {
                String direction = trimmed.substring(space + 1);
                name = trimmed.substring(0, space).trim();
                if (direction.equalsIgnoreCase("desc")) {
                    descending = true;
                } else if (!direction.equalsIgnoreCase("asc")) {
                    throw ApiException.badRequest("orderBy: expected asc or desc after " + FieldPathSyntax.abbreviate(name)
                            + " but found '" + FieldPathSyntax.abbreviate(direction) + "'");
                }
            }
            keys.add(new Key(FieldPathSyntax.parse(name, "orderBy"), descending));
        }
        return new OrderBy(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public Comparator<JsonObject> comparator() {
        Comparator<JsonObject> comparator = (a, b) -> 0;
        for (Key key : keys) {
            comparator = comparator.thenComparing((a, b) -> compare(key, a, b));
        }
        return comparator;
    }

    private static int lastSpace(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                // a space inside a backticked name is part of the name
                return s.startsWith("`") && s.indexOf('`', 1) > i ? -1 : i;
            }
        }
        return -1;
    }

    private static int compare(Key key, JsonObject a, JsonObject b) {
        JsonValue left = CeqlEvaluator.resolve(a, key.field());
        JsonValue right = CeqlEvaluator.resolve(b, key.field());
        boolean leftNull = left == null || left.getValueType() == JsonValue.ValueType.NULL;
        boolean rightNull = right == null || right.getValueType() == JsonValue.ValueType.NULL;
        if (leftNull || rightNull) {
            return Boolean.compare(leftNull, rightNull);
        }
        int result = compareValues(left, right);
        return key.descending() ? -result : result;
    }

    private static int compareValues(JsonValue left, JsonValue right) {
        Optional<Instant> leftDate = date(left);
        Optional<Instant> rightDate = date(right);
        int leftRank = rank(left, leftDate);
        int rightRank = rank(right, rightDate);
        if (leftRank != rightRank) {
            return Integer.compare(leftRank, rightRank);
        }
        return switch (leftRank) {
            case 0 -> ((JsonNumber) left).bigDecimalValue().compareTo(((JsonNumber) right).bigDecimalValue());
            case 1 -> leftDate.get().compareTo(rightDate.get());
            case 2 -> ((JsonString) left).getString().compareTo(((JsonString) right).getString());
            case 3 -> Boolean.compare(left == JsonValue.TRUE, right == JsonValue.TRUE);
            default -> 0;
        };
    }

    private static Optional<Instant> date(JsonValue value) {
        return value instanceof JsonString string ? DateLiteral.parse(string.getString()) : Optional.empty();
    }

    private static int rank(JsonValue value, Optional<Instant> date) {
        return switch (value.getValueType()) {
            case NUMBER -> 0;
            case STRING -> date.isPresent() ? 1 : 2;
            case TRUE, FALSE -> 3;
            default -> 4;
        };
    }
}
