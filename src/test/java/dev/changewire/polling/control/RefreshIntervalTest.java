package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefreshIntervalTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
            "15,       PT15M",
            "' 15 ',   PT15M",
            "1,        PT1M",
            "0.5,      PT30S",
            "1.25,     PT1M15S",
            "0.0001,   PT0.006S",
            "10080,    PT168H",
            "PT30S,    PT30S",
            "pt1h,     PT1H",
            "P1D,      PT24H",
            "PT0.5S,   PT0.5S",
    })
    void minutesOrIsoDurationsAsText(String text, Duration expected) {
        assertEquals(expected, RefreshInterval.parse(text));
        assertEquals(expected, RefreshInterval.parse(Json.createValue(text)));
    }

    @Test
    void minutesAsJsonNumbers() {
        assertEquals(Duration.ofMinutes(15), RefreshInterval.parse(Json.createValue(15)));
        assertEquals(Duration.ofSeconds(30), RefreshInterval.parse(Json.createValue(0.5)));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
            "0        | event.poller.refresh_interval must be positive (at least a millisecond), got '0'",
            "-5       | event.poller.refresh_interval must be positive (at least a millisecond), got '-5'",
            "PT0S     | event.poller.refresh_interval must be positive (at least a millisecond), got 'PT0S'",
            "-PT1M    | event.poller.refresh_interval must be positive (at least a millisecond), got '-PT1M'",
            "PT0.0001S| event.poller.refresh_interval must be positive (at least a millisecond), got 'PT0.0001S'",
            "10081    | event.poller.refresh_interval '10081' is longer than the maximum of 10080 minutes (PT168H)",
            "P8D      | event.poller.refresh_interval 'P8D' is longer than the maximum of 10080 minutes (PT168H)",
            "fifteen  | event.poller.refresh_interval 'fifteen' is neither a number of minutes nor an ISO-8601 duration (e.g. 15, 0.5 or PT30S)",
            "15m      | event.poller.refresh_interval '15m' is neither a number of minutes nor an ISO-8601 duration (e.g. 15, 0.5 or PT30S)",
            "P1M      | event.poller.refresh_interval 'P1M' is neither a number of minutes nor an ISO-8601 duration (e.g. 15, 0.5 or PT30S)",
    })
    void badValuesNameTheKey(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> RefreshInterval.parse(text)).getMessage());
    }

    @Test
    void blankAndNonTextValuesNameTheKey() {
        assertEquals("event.poller.refresh_interval is empty; give a number of minutes or an ISO-8601 duration (e.g. 15 or PT30S)",
                assertThrows(IllegalArgumentException.class, () -> RefreshInterval.parse(" ")).getMessage());
        assertEquals("event.poller.refresh_interval must be a number of minutes or an ISO-8601 duration (e.g. 15 or PT30S), got true",
                assertThrows(IllegalArgumentException.class, () -> RefreshInterval.parse(JsonValue.TRUE)).getMessage());
    }

    @Test
    void theMinimumIsEnforcedAndNamed() {
        assertEquals(Duration.ofMinutes(1), RefreshInterval.requireAtLeast(Duration.ofMinutes(1), RefreshInterval.DEFAULT_MINIMUM));
        assertEquals(Duration.ofSeconds(10), RefreshInterval.parse(Json.createValue("PT10S"), Duration.ofSeconds(10)));
        var e = assertThrows(IllegalArgumentException.class,
                () -> RefreshInterval.parse(Json.createValue(0.5), RefreshInterval.DEFAULT_MINIMUM));
        assertEquals("event.poller.refresh_interval is 0.5 minutes (PT30S); the minimum is 1 minute (PT1M)"
                + " (changewire.poller.minimum-interval)", e.getMessage());
    }
}
