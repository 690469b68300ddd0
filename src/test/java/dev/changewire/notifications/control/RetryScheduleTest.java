package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.notifications.entity.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

    static final List<Duration> SVIX = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    static RetrySchedule fixed(double uniform) {
        return RetrySchedule.parse(RetrySchedule.DEFAULT, () -> uniform);
    }

    @Test
    void defaultIsSvixScheduleAfterAnImmediateFirstAttempt() {
        RetrySchedule schedule = RetrySchedule.parse(RetrySchedule.DEFAULT);
        assertEquals(SVIX, schedule.delays());
        assertEquals(8, schedule.maxAttempts());
    }

    @Test
    void parsesSpacesAndOtherLists() {
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofDays(1)), RetrySchedule.parse(" PT1S , P1D ").delays());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "PT5S,,PT5M", "5s", "PT5S,PT-1S", "PT5S;PT5M"})
    void refusesInvalidSchedulesNamingTheKey(String spec) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(spec));
        assertTrue(refused.getMessage().startsWith(RetrySchedule.KEY), refused.getMessage());
    }

    @Test
    void namesTheBadEntry() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("PT5S,5m"));
        assertTrue(refused.getMessage().contains("entry 2 '5m'"), refused.getMessage());
    }

    @Test
    void jitterIsPlusMinusTwentyPercentOfTheScheduledDelay() {
        for (int attempt = 1; attempt <= 7; attempt++) {
            long scheduled = SVIX.get(attempt - 1).toMillis();
            assertEquals(Math.round(scheduled * 0.8), delay(fixed(0.0), attempt).toMillis());
            assertEquals(scheduled, delay(fixed(0.5), attempt).toMillis());
            assertEquals(Math.round(scheduled * (0.8 + 0.4 * 0.999_999)), delay(fixed(0.999_999), attempt).toMillis());
        }
        Random seeded = new Random(42);
        RetrySchedule random = RetrySchedule.parse(RetrySchedule.DEFAULT, seeded::nextDouble);
        long low = Long.MAX_VALUE;
        long high = 0;
        for (int i = 0; i < 2000; i++) {
            long millis = delay(random, 2).toMillis();
            assertTrue(millis >= 240_000 && millis <= 360_000, millis + " ms is outside 5 min +-20%");
            low = Math.min(low, millis);
            high = Math.max(high, millis);
        }
        // the jitter really spreads the retries over the whole band
        assertTrue(low < 245_000 && high > 355_000, low + ".." + high);
    }

    @Test
    void noMoreAttemptsAfterTheLast() {
        RetrySchedule schedule = fixed(0.5);
        assertEquals(Optional.of(Duration.ofHours(10)), schedule.delayAfter(7, DeliveryOutcome.RETRY, Optional.empty()));
        assertEquals(Optional.empty(), schedule.delayAfter(8, DeliveryOutcome.RETRY, Optional.empty()));
        assertEquals(Optional.empty(), RetrySchedule.parse("PT1S").delayAfter(2, DeliveryOutcome.RETRY, Optional.empty()));
    }

    @ParameterizedTest(name = "after attempt {0}, Retry-After {1} s -> {2} s")
    @CsvSource({
            "2, 1,      300",  // below the scheduled 5 min: the schedule wins
            "2, 420,    420",  // within 1x..2x: honoured exactly, without jitter
            "2, 600,    600",
            "2, 86400,  600",  // a day: clamped to 2x
            "4, 0,      7200",
            "4, 9000,   9000",
            "1, 8,      8",
            "1, 3600,   10",
    })
    void retryAfterIsHonouredWithinOneToTwiceTheScheduledDelay(int attempt, long retryAfter, long expected) {
        assertEquals(Duration.ofSeconds(expected),
                fixed(0.0).delayAfter(attempt, DeliveryOutcome.RETRY, Optional.of(Duration.ofSeconds(retryAfter))).orElseThrow());
    }

    @Test
    void atLeastAMinuteAfterA429OrATimeout() {
        RetrySchedule schedule = fixed(0.5);
        assertEquals(Duration.ofSeconds(60), schedule.delayAfter(1, DeliveryOutcome.RETRY_SLOW_DOWN, Optional.empty()).orElseThrow());
        assertEquals(Duration.ofSeconds(60),
                schedule.delayAfter(1, DeliveryOutcome.RETRY_SLOW_DOWN, Optional.of(Duration.ofSeconds(8))).orElseThrow());
        assertEquals(Duration.ofSeconds(5), schedule.delayAfter(1, DeliveryOutcome.RETRY, Optional.empty()).orElseThrow());
        assertEquals(Duration.ofMinutes(5), schedule.delayAfter(2, DeliveryOutcome.RETRY_SLOW_DOWN, Optional.empty()).orElseThrow());
    }

    @Test
    void readsRetryAfterAsSecondsOrHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetrySchedule.retryAfter(" 120 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetrySchedule.retryAfter("Wed, 21 Oct 2015 07:29:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetrySchedule.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now));
        assertEquals(Optional.empty(), RetrySchedule.retryAfter("soon", now));
        assertEquals(Optional.empty(), RetrySchedule.retryAfter("-5", now));
        assertEquals(Optional.empty(), RetrySchedule.retryAfter(null, now));
        Duration huge = RetrySchedule.retryAfter("99999999999999999999999", now).orElseThrow();
        assertEquals(Duration.ofSeconds(600), fixed(0.5).delayAfter(2, DeliveryOutcome.RETRY, Optional.of(huge)).orElseThrow());
    }

    @Test
    void nextAttemptIsTheFailureTimePlusTheDelay() {
        Instant failedAt = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Optional.of(failedAt.plusSeconds(1800)),
                fixed(0.5).nextAttempt(failedAt, 3, DeliveryOutcome.RETRY_CLIENT_ERROR, Optional.empty()));
    }

    @Test
    void refusesToScheduleWhatIsNotAFailure() {
        assertThrows(IllegalArgumentException.class, () -> fixed(0.5).delayAfter(1, DeliveryOutcome.DELIVERED, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> fixed(0.5).delayAfter(1, DeliveryOutcome.DEACTIVATE, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> fixed(0.5).delayAfter(0, DeliveryOutcome.RETRY, Optional.empty()));
    }

    static Duration delay(RetrySchedule schedule, int failedAttempt) {
        return schedule.delayAfter(failedAttempt, DeliveryOutcome.RETRY, Optional.empty()).orElseThrow();
    }
}
