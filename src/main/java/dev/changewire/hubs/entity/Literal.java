package dev.changewire.hubs.entity;

import java.math.BigDecimal;

/** A constant on the right-hand side of a CEQL predicate. */
public sealed interface Literal {

    /** The literal as CEQL text would spell its value, without quotes: used for query parameters and messages. */
    String text();

    /** A single-quoted string (dates are strings too: they are recognized when compared). */
    record Text(String value) implements Literal {
        public Text {
            if (value == null) {
                throw new IllegalArgumentException("value");
            }
        }

        @Override
        public String text() {
            return value;
        }
    }

    record Number(BigDecimal value) implements Literal {
        public Number {
            if (value == null) {
                throw new IllegalArgumentException("value");
            }
        }

        @Override
        public String text() {
            return value.toPlainString();
        }
    }

    record Bool(boolean value) implements Literal {
        @Override
        public String text() {
            return Boolean.toString(value);
        }
    }
}
