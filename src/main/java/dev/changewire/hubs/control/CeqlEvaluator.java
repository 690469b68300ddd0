package dev.changewire.hubs.control;

import dev.changewire.hubs.entity.Condition;
import dev.changewire.hubs.entity.FieldPath;
import dev.changewire.hubs.entity.Literal;
import dev.changewire.hubs.entity.Operator;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Evaluates a CEQL {@link Condition} against a normalized record.
 * <ul>
 * <li>Fields are dotted paths into nested objects. An absent field or JSON null matches only
 *     {@code IS NULL}: every comparison, {@code LIKE} and {@code IN} on it is false, negated or not
 *     (SQL's rule, so {@code status != 'x'} does not pick up records without a status).</li>
 * <li>Otherwise a negated predicate ({@code !=}, {@code NOT LIKE}, {@code NOT IN}) is exactly the
 *     negation of the positive one. On an array value the positive predicate holds when any element
 *     satisfies it.</li>
 * <li>A string literal that parses as a date ({@link DateLiteral}) compares as an instant with a field
 *     whose value parses as a date; otherwise strings compare by their UTF-16 code units. Numbers compare
 *     numerically, also with strings that hold a number; booleans compare with {@code true}/{@code false}
 *     and with the strings "true"/"false". Values of types that do not compare (a string with a
 *     boolean, an object with anything) are unequal and unordered.</li>
 * <li>Pseudo-predicates: {@code modified_since = 'date'} means {@code modified_date >= 'date'};
 *     {@code status = 'ALL'} (any case, also inside {@code IN}) is always true, because it is Cloud
 *     Elements' vendor parameter for "deleted records too", not a status.</li>
 * </ul>
 * Recursion follows the tree, whose depth the parser bounds.
 */
public final class CeqlEvaluator {

    public static final String MODIFIED_SINCE = "modified_since";
    public static final String MODIFIED_DATE = "modified_date";
    public static final String STATUS = "status";
    public static final String ALL_STATUSES = "all";

    /** Strings longer than this are not read as numbers (no number in a record is this long). */
    private static final int MAX_NUMBER_LENGTH = 100;

    private CeqlEvaluator() {
    }

    /** True when the record satisfies the condition; a null condition matches everything. */
    public static boolean matches(Condition condition, JsonObject record) {
        if (condition == null) {
            return true;
        }
        if (condition instanceof Condition.And and) {
            return and.operands().stream().allMatch(operand -> matches(operand, record));
        }
        if (condition instanceof Condition.Or or) {
            return or.operands().stream().anyMatch(operand -> matches(operand, record));
        }
        if (condition instanceof Condition.Comparison comparison) {
            return comparison(comparison, record);
        }
        if (condition instanceof Condition.Like like) {
            JsonValue value = resolve(record, like.field());
            return !isNull(value) && like.negated() != anyElement(value, v -> like(like.pattern(), v));
        }
        if (condition instanceof Condition.In in) {
            if (!in.negated() && isAllStatuses(in)) {
                return true;
            }
            JsonValue value = resolve(record, in.field());
            return !isNull(value) && in.negated() != anyElement(value,
                    v -> in.values().stream().anyMatch(literal -> compare(v, literal).orElse(1) == 0));
        }
        if (condition instanceof Condition.IsNull isNull) {
            return isNull.negated() != isNull(resolve(record, isNull.field()));
        }
        throw new IllegalArgumentException("unknown condition " + condition);
    }

    /** True for {@code status = 'ALL'}: Cloud Elements' "include deleted" vendor parameter. */
    public static boolean isAllStatuses(Condition condition) {
        if (condition instanceof Condition.Comparison comparison) {
            return comparison.field().is(STATUS) && comparison.operator() == Operator.EQ
                    && comparison.value() instanceof Literal.Text text && text.value().equalsIgnoreCase(ALL_STATUSES);
        }
        if (condition instanceof Condition.In in) {
            return in.field().is(STATUS) && !in.negated() && in.values().stream()
                    .anyMatch(v -> v instanceof Literal.Text text && text.value().equalsIgnoreCase(ALL_STATUSES));
        }
        return false;
    }

    /** The value at a dotted path, JSON null included; Java null when the path does not exist. */
    public static JsonValue resolve(JsonObject record, FieldPath path) {
        JsonValue current = record;
        for (String segment : path.segments()) {
            if (!(current instanceof JsonObject object) || !object.containsKey(segment)) {
                return null;
            }
            current = object.get(segment);
        }
        return current;
    }

    private static boolean comparison(Condition.Comparison comparison, JsonObject record) {
        if (isAllStatuses(comparison)) {
            return true;
        }
        FieldPath field = comparison.field();
        Operator operator = comparison.operator();
        if (field.is(MODIFIED_SINCE)) {
            field = FieldPath.of(MODIFIED_DATE);
            if (operator == Operator.EQ) {
                operator = Operator.GE;
            }
        }
        JsonValue value = resolve(record, field);
        if (isNull(value)) {
            return false;
        }
        Literal literal = comparison.value();
        if (operator == Operator.NE) {
            return !anyElement(value, v -> compare(v, literal).orElse(1) == 0);
        }
        Operator op = operator;
        return anyElement(value, v -> {
            Optional<Integer> result = compare(v, literal);
            return result.isPresent() && op.accepts(result.get());
        });
    }

    private interface ValueTest {
        boolean test(JsonValue value);
    }

    private static boolean anyElement(JsonValue value, ValueTest test) {
        if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (!isNull(element) && test.test(element)) {
                    return true;
                }
            }
            return false;
        }
        return test.test(value);
    }

    private static boolean isNull(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static boolean like(String pattern, JsonValue value) {
        String text = scalarText(value);
        return text != null && LikePattern.matches(pattern, text);
    }

    private static String scalarText(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER, TRUE, FALSE -> value.toString();
            default -> null;
        };
    }

    /** The sign of (value - literal), or empty when they do not compare. */
    static Optional<Integer> compare(JsonValue value, Literal literal) {
        if (literal instanceof Literal.Text text) {
            return compareText(value, text.value());
        }
        if (literal instanceof Literal.Number number) {
            BigDecimal left = number(value);
            return left == null ? Optional.empty() : Optional.of(Integer.signum(left.compareTo(number.value())));
        }
        if (literal instanceof Literal.Bool bool) {
            Boolean left = bool(value);
            return left == null ? Optional.empty() : Optional.of(Boolean.compare(left, bool.value()));
        }
        return Optional.empty();
    }

    private static Optional<Integer> compareText(JsonValue value, String literal) {
        switch (value.getValueType()) {
            case STRING -> {
                String left = ((JsonString) value).getString();
                Optional<Instant> literalDate = DateLiteral.parse(literal);
                if (literalDate.isPresent()) {
                    Optional<Instant> leftDate = DateLiteral.parse(left);
                    if (leftDate.isPresent()) {
                        return Optional.of(Integer.signum(leftDate.get().compareTo(literalDate.get())));
                    }
                }
                return Optional.of(Integer.signum(left.compareTo(literal)));
            }
            case NUMBER -> {
                BigDecimal right = parseNumber(literal);
                return right == null ? Optional.empty()
                        : Optional.of(Integer.signum(((JsonNumber) value).bigDecimalValue().compareTo(right)));
            }
            case TRUE, FALSE -> {
                Boolean right = parseBoolean(literal);
                return right == null ? Optional.empty()
                        : Optional.of(Boolean.compare(value.getValueType() == JsonValue.ValueType.TRUE, right));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static BigDecimal number(JsonValue value) {
        return switch (value.getValueType()) {
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case STRING -> parseNumber(((JsonString) value).getString());
            default -> null;
        };
    }

    private static Boolean bool(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            case STRING -> parseBoolean(((JsonString) value).getString());
            default -> null;
        };
    }

    private static BigDecimal parseNumber(String text) {
        if (text.isEmpty() || text.length() > MAX_NUMBER_LENGTH) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(text.trim());
            // "1e999999999" parses; an exponent that large would only cost time later
            return Math.abs((long) number.scale()) > MAX_NUMBER_LENGTH ? null : number;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        return null;
    }
}
