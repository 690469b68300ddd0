package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.notifications.entity.AttemptFailure;
import dev.changewire.notifications.entity.AttemptResult;
import dev.changewire.notifications.entity.NotificationStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptVerdictTest {

    static final Instant NOW = Instant.parse("2026-11-27T13:00:00Z");
    // no jitter: the factor is exactly 1 when the random number is 0.5
    final RetrySchedule schedule = RetrySchedule.parse("PT5S,PT5M,PT30M", () -> 0.5);

    static AttemptResult status(int status) {
        return AttemptResult.response(NOW, Duration.ofMillis(12), status, "body", null);
    }

    @Test
    void twoHundredsAreDelivered() {
        AttemptVerdict verdict = AttemptVerdict.of(status(204), 1, schedule, true, NOW);
        assertEquals(NotificationStatus.DELIVERED, verdict.status());
        assertNull(verdict.nextAttempt());
        assertFalse(verdict.deactivate());
    }

    @Test
    void goneQueuesAndDeactivates() {
        AttemptVerdict verdict = AttemptVerdict.of(status(410), 1, schedule, true, NOW);
        assertEquals(NotificationStatus.QUEUED, verdict.status());
        assertTrue(verdict.deactivate());
        assertTrue(verdict.reason().contains("410"), verdict.reason());
    }

    @Test
    void failuresRetryOnTheSchedule() {
        assertEquals(NOW.plusSeconds(5), AttemptVerdict.of(status(500), 1, schedule, true, NOW).nextAttempt());
        assertEquals(NOW.plus(Duration.ofMinutes(5)), AttemptVerdict.of(status(404), 2, schedule, true, NOW).nextAttempt());
        AttemptVerdict third = AttemptVerdict.of(status(302), 3, schedule, true, NOW);
        assertEquals(NotificationStatus.RETRYING, third.status());
        assertEquals(NOW.plus(Duration.ofMinutes(30)), third.nextAttempt());
        assertEquals("HTTP 302", third.reason());
    }

    @Test
    void aTimeoutWaitsAtLeastAMinuteAndRetryAfterIsHonouredWithinTheClamp() {
        AttemptResult timeout = AttemptResult.failure(NOW, Duration.ofSeconds(15), AttemptFailure.TIMEOUT, "timed out");
        assertEquals(NOW.plusSeconds(60), AttemptVerdict.of(timeout, 1, schedule, true, NOW).nextAttempt());
        AttemptResult busy = AttemptResult.response(NOW, Duration.ofMillis(3), 503, "", "420");
        // asked 7 min after attempt 2 (scheduled 5 min): within 1x-2x, kept
        assertEquals(NOW.plusSeconds(420), AttemptVerdict.of(busy, 2, schedule, true, NOW).nextAttempt());
    }

    @Test
    void theLastAttemptFailsTheNotificationAndDeactivates() {
        AttemptVerdict verdict = AttemptVerdict.of(status(503), 4, schedule, true, NOW);
        assertEquals(NotificationStatus.FAILED, verdict.status());
        assertTrue(verdict.deactivate());
        assertNull(verdict.nextAttempt());
        assertTrue(verdict.reason().contains("4 attempts"), verdict.reason());
    }

    @Test
    void aFailureWhileTheSubscriptionIsDeactivatedIsQueued() {
        AttemptVerdict verdict = AttemptVerdict.of(status(500), 1, schedule, false, NOW);
        assertEquals(NotificationStatus.QUEUED, verdict.status());
        assertFalse(verdict.deactivate());
        // a delivery still counts
        assertEquals(NotificationStatus.DELIVERED, AttemptVerdict.of(status(200), 1, schedule, false, NOW).status());
    }
}
