package dev.changewire.hubs.entity;

/** CEQL's comparison operators. */
public enum Operator {
    EQ("="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether a comparison result ({@code left.compareTo(right)}) satisfies this operator. */
    public boolean accepts(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case GT -> comparison > 0;
            case LE -> comparison <= 0;
            case GE -> comparison >= 0;
        };
    }
}
