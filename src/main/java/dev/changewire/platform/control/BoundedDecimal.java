package dev.changewire.platform.control;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Decimal numbers from client input, refused unless small: {@code new BigDecimal("1e999999999")} is
 * cheap, but printing it in plain notation, rescaling it or converting it to a long costs a billion
 * digits. Every number a client sends is read here, its range checked, and only then converted.
 */
public final class BoundedDecimal {

    /** Longest number text accepted; every setting we take fits in far fewer characters. */
    public static final int MAX_LENGTH = 40;
    /** Largest exponent (either sign) accepted, i.e. the widest scale a number may have. */
    public static final int MAX_SCALE = 40;

    private BoundedDecimal() {
    }

    /** The number, or empty when it is not a decimal number or is too long or too large in magnitude or precision. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            return bounded(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the text is a decimal number at all, however large (looked at, never converted). */
    public static boolean isNumber(String text) {
        // possessive quantifiers: linear on a megabyte of digits, no backtracking
        return text != null && text.strip().matches("[+-]?+(\\d++\\.?+\\d*+|\\.\\d++)([eE][+-]?+\\d++)?+");
    }

    /** The number if its scale and precision are small enough to print and convert safely. */
    public static Optional<BigDecimal> bounded(BigDecimal number) {
        if (number == null || Math.abs((long) number.scale()) > MAX_SCALE || number.precision() > MAX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(number);
    }

    /** A number for an error message: plain notation when it is small, else an abbreviated scientific form. */
    public static String describe(BigDecimal number) {
        if (number == null) {
            return "null";
        }
        return bounded(number).map(BigDecimal::toPlainString).orElseGet(() -> Abbreviation.of(number.toString(), MAX_LENGTH));
    }
}
