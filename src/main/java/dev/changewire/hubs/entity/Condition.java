package dev.changewire.hubs.entity;

import java.util.List;

/**
 * The syntax tree of a CEQL {@code where} clause. {@link And} and {@link Or} hold two or more operands
 * (a chain {@code a AND b AND c} is one node); parentheses leave no node of their own.
 */
public sealed interface Condition {

    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** {@code field = 'x'}, {@code field >= 3}, ... */
    record Comparison(FieldPath field, Operator operator, Literal value) implements Condition {
    }

    /** {@code field [NOT] LIKE 'pattern'} with {@code %} (any run) and {@code _} (one character). */
    record Like(FieldPath field, String pattern, boolean negated) implements Condition {
    }

    /** {@code field [NOT] IN ('a', 'b', 3)}. */
    record In(FieldPath field, List<Literal> values, boolean negated) implements Condition {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code field IS NULL} (negated: {@code IS NOT NULL}). */
    record IsNull(FieldPath field, boolean negated) implements Condition {
    }
}
