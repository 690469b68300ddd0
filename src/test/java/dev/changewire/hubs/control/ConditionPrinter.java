package dev.changewire.hubs.control;

import dev.changewire.hubs.entity.Condition;
import dev.changewire.hubs.entity.Literal;
import java.util.stream.Collectors;

/** Renders a syntax tree as a compact prefix form, so tests can state expected trees in one line. */
final class ConditionPrinter {

    private ConditionPrinter() {
    }

    static String print(Condition condition) {
        if (condition instanceof Condition.And and) {
            return "(AND " + and.operands().stream().map(ConditionPrinter::print).collect(Collectors.joining(" ")) + ")";
        }
        if (condition instanceof Condition.Or or) {
            return "(OR " + or.operands().stream().map(ConditionPrinter::print).collect(Collectors.joining(" ")) + ")";
        }
        if (condition instanceof Condition.Comparison c) {
            return "(" + c.operator().symbol() + " " + c.field().segments() + " " + literal(c.value()) + ")";
        }
        if (condition instanceof Condition.Like c) {
            return "(" + (c.negated() ? "NOT LIKE " : "LIKE ") + c.field().segments() + " '" + c.pattern() + "')";
        }
        if (condition instanceof Condition.In c) {
            return "(" + (c.negated() ? "NOT IN " : "IN ") + c.field().segments() + " "
                    + c.values().stream().map(ConditionPrinter::literal).collect(Collectors.joining(" ")) + ")";
        }
        if (condition instanceof Condition.IsNull c) {
            return "(" + (c.negated() ? "NOTNULL " : "NULL ") + c.field().segments() + ")";
        }
        throw new IllegalArgumentException(String.valueOf(condition));
    }

    private static String literal(Literal literal) {
        if (literal instanceof Literal.Text text) {
            return "'" + text.value() + "'";
        }
        if (literal instanceof Literal.Number number) {
            return "#" + number.value().toPlainString();
        }
        return literal.text();
    }
}
