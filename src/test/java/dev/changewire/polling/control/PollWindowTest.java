package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollWindowTest {

    static final Instant BASELINE = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest(name = "cursor {0}, overlap {1}, pollDelay {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "-,                    PT2M, PT0S,  2026-11-27T12:00:00Z",
            "-,                    PT2M, PT30S, 2026-11-27T12:00:00Z",
            "2026-11-27T13:00:00Z, PT2M, PT0S,  2026-11-27T12:58:00Z",
            "2026-11-27T13:00:00Z, PT2M, PT30S, 2026-11-27T12:57:30Z",
            "2026-11-27T13:00:00Z, PT0S, PT0S,  2026-11-27T13:00:00Z",
            "2026-11-27T12:01:00Z, PT2M, PT0S,  2026-11-27T12:00:00Z",
            "2026-11-27T12:00:00Z, PT2M, PT1H,  2026-11-27T12:00:00Z",
    })
    void sinceGoesBackByOverlapAndPollDelayButNotBeforeTheBaseline(Instant cursor, Duration overlap, Duration pollDelay, Instant expected) {
        assertEquals(expected, PollWindow.since(Optional.ofNullable(cursor), BASELINE, overlap, pollDelay));
    }

    @Test
    void negativeLookBacksAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PollWindow.since(Optional.empty(), BASELINE, Duration.ofSeconds(-1), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> PollWindow.since(Optional.empty(), BASELINE, Duration.ZERO, Duration.ofSeconds(-1)));
    }

    @ParameterizedTest(name = "cursor {0}, seen {1}, pass started {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "-,                    2026-11-27T13:00:00Z, 2026-11-27T14:00:00Z, 2026-11-27T13:00:00Z",
            "2026-11-27T13:00:00Z, 2026-11-27T13:30:00Z, 2026-11-27T14:00:00Z, 2026-11-27T13:30:00Z",
            "2026-11-27T13:30:00Z, 2026-11-27T13:00:00Z, 2026-11-27T14:00:00Z, 2026-11-27T13:30:00Z",
            "2026-11-27T13:30:00Z, 2099-01-01T00:00:00Z, 2026-11-27T14:00:00Z, 2026-11-27T14:00:00Z",
            "-,                    2099-01-01T00:00:00Z, 2026-11-27T14:00:00Z, 2026-11-27T14:00:00Z",
    })
    void theCursorIsTheLargestTimestampSeenButNeverInTheFuture(Instant cursor, Instant seen, Instant passStart, Instant expected) {
        assertEquals(Optional.of(expected), PollWindow.advance(Optional.ofNullable(cursor), seen, passStart));
    }
}
