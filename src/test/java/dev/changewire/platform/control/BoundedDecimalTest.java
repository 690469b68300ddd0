package dev.changewire.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BoundedDecimalTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e-999999999", "1E+2147483647", "-1e41", "1e-41", "x", "", " ",
            "12345678901234567890123456789012345678901", "NaN", "Infinity"})
    void refusesWhatCannotBePrintedOrConvertedCheaply(String text) {
        assertTrue(BoundedDecimal.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "15", "-3.25", "1e40", "1e-40", " 42 ", "0.5"})
    void acceptsOrdinaryNumbers(String text) {
        assertEquals(new BigDecimal(text.strip()), BoundedDecimal.parse(text).orElseThrow());
    }

    @Test
    void recognisesNumbersInLinearTime() {
        assertTrue(BoundedDecimal.isNumber("1e999999999"));
        assertTrue(BoundedDecimal.isNumber("-.5E-3"));
        assertTrue(!BoundedDecimal.isNumber("1".repeat(1_000_000) + "x"));
        assertTrue(!BoundedDecimal.isNumber("1e"));
    }

    @Test
    void describesAHugeNumberInAFewCharacters() {
        assertEquals("1E+999999999", BoundedDecimal.describe(new BigDecimal("1e999999999")));
        assertEquals("12.5", BoundedDecimal.describe(new BigDecimal("12.5")));
    }

    @Test
    void abbreviationBoundsTextAndHidesControlCharacters() {
        String shown = Abbreviation.of("a\nb" + "x".repeat(100_000));
        assertTrue(shown.length() < Abbreviation.MAX + 30, shown);
        assertTrue(shown.startsWith("a?b"), shown);
        assertTrue(shown.endsWith("...(100003 characters)"), shown);
    }
}
