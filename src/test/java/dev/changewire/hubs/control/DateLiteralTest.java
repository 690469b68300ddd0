package dev.changewire.hubs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DateLiteralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2020-01-01T00:00:00Z              | 2020-01-01T00:00:00Z
            2020-01-01T00:00:00.123Z          | 2020-01-01T00:00:00.123Z
            2020-01-01T00:00:00.1Z            | 2020-01-01T00:00:00.100Z
            2020-01-01T00:00:00.123456789Z    | 2020-01-01T00:00:00.123456789Z
            2020-01-01T00:00Z                 | 2020-01-01T00:00:00Z
            2020-01-01T02:00:00+02:00         | 2020-01-01T00:00:00Z
            2020-01-01T02:00:00.500+02:00     | 2020-01-01T00:00:00.500Z
            2019-12-31T19:00:00-05:00         | 2020-01-01T00:00:00Z
            2020-01-01T05:30:00+0530          | 2020-01-01T00:00:00Z
            2020-01-01T00:00:00+00:00         | 2020-01-01T00:00:00Z
            2020-01-01T00:00:00               | 2020-01-01T00:00:00Z
            2020-01-01T00:00:00.999           | 2020-01-01T00:00:00.999Z
            2020-01-01                        | 2020-01-01T00:00:00Z
            2024-02-29                        | 2024-02-29T00:00:00Z
            ' 2020-01-01T00:00:00Z '          | 2020-01-01T00:00:00Z
            """)
    void parsesIsoDates(String text, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), DateLiteral.parse(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullAndEmptySource
    @ValueSource(strings = {
        "yesterday", "2020", "2020-01", "2020-13-01", "2020-02-30", "2023-02-29", "2020-01-01T25:00:00Z",
        "2020-01-01T00:00:00ZZ", "2020-01-01T00:00:00+25:00", "2020-01-01 00:00:00Z", "01/01/2020",
        "1577836800000", "2020-01-01T00:00:00+02:00+0300", "-2020-01-01", "+2020-01-01",
        "2020-01-01T00:00:00.000000000000000000000000000000000000000000Z", "２０２０-01-01"})
    void refusesWhatIsNotAnIsoDate(String text) {
        assertTrue(DateLiteral.parse(text).isEmpty(), text);
    }

    @Test
    void formatsAsUtcKeepingMilliseconds() {
        assertEquals("2020-01-01T00:00:00.120Z", DateLiteral.format(Instant.parse("2020-01-01T00:00:00.12Z")));
        assertEquals("2020-01-01T00:00:00Z", DateLiteral.format(Instant.parse("2020-01-01T00:00:00.000Z")));
    }

    @Test
    void aHugeInputIsRefusedWithoutParsing() {
        assertTrue(DateLiteral.parse("2020-01-01T00:00:00Z" + " ".repeat(1 << 20) + "x").isEmpty());
    }
}
