package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTermsTest {

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration LEASE = Duration.ofMinutes(5);

    @Test
    void aTimerFiringEarlyOrLateServesItsSlot() {
        Instant slot = ScheduleSpread.firstDue("42", MINUTE, Instant.parse("2026-11-27T13:00:00Z"));
        LeaseTerms early = LeaseTerms.scheduled("42", MINUTE, slot.minusMillis(30), LEASE);
        LeaseTerms late = LeaseTerms.scheduled("42", MINUTE, slot.plusMillis(800), LEASE);
        assertEquals(slot, early.slot());
        assertEquals(slot, late.slot());
        assertEquals(Duration.ZERO, early.lag());
        assertEquals(Duration.ofMillis(800), late.lag());
        assertEquals(slot.plus(MINUTE), late.nextDue());
        assertEquals(slot.plusMillis(800).plus(LEASE), late.leaseUntil());
    }

    @Test
    void onlyTheFirstNodeClaimsASlot() {
        Instant slot = ScheduleSpread.firstDue("7", MINUTE, Instant.parse("2026-11-27T13:00:00Z"));
        LeaseTerms first = LeaseTerms.scheduled("7", MINUTE, slot.plusMillis(5), LEASE);
        assertTrue(first.claimable(null, null, null), "never polled");
        assertTrue(first.claimable(null, null, slot), "the slot stored as due");
        // the first node's claim stored next_due = slot + interval and released the lease
        LeaseTerms second = LeaseTerms.scheduled("7", MINUTE, slot.plusMillis(40), LEASE);
        assertFalse(second.claimable(null, null, first.nextDue()), "the same slot is not polled twice");
        LeaseTerms nextSlot = LeaseTerms.scheduled("7", MINUTE, slot.plus(MINUTE).plusMillis(3), LEASE);
        assertTrue(nextSlot.claimable(null, null, first.nextDue()));
    }

    @Test
    void aHeldLeaseBlocksUntilItExpires() {
        Instant now = Instant.parse("2026-11-27T13:00:00Z");
        LeaseTerms manual = LeaseTerms.manual(now, LEASE);
        assertFalse(manual.claimable(now.plusSeconds(10), null, null), "a run holds it");
        assertFalse(manual.claimable(now, null, null), "lease_until must be strictly before now");
        assertTrue(manual.claimable(now.minusSeconds(1), null, null), "a crashed node's lease lapsed");
        assertNull(manual.slot());
        assertTrue(manual.claimable(null, null, now.plus(Duration.ofDays(1))), "a manual run ignores the schedule");
    }

    @Test
    void aQuotaPauseBlocksEveryRun() {
        Instant now = Instant.parse("2026-11-27T13:00:00Z");
        assertFalse(LeaseTerms.manual(now, LEASE).claimable(null, now.plusSeconds(60), null));
        assertTrue(LeaseTerms.manual(now, LEASE).claimable(null, now, null), "the pause ends at its instant");
    }

    @Test
    void aShortenedIntervalIsNotBlockedByTheOldNextDue() {
        Instant now = Instant.parse("2026-11-27T13:00:00Z");
        LeaseTerms terms = LeaseTerms.scheduled("9", MINUTE, now, LEASE);
        assertTrue(terms.claimable(null, null, now.plus(Duration.ofHours(23))), "next_due left by a daily interval");
        assertTrue(terms.claimable(null, null, now.minus(Duration.ofHours(2))), "next_due left by a run long ago");
    }

    @Test
    void slackIsAQuarterIntervalAtMostFiveSeconds() {
        assertEquals(Duration.ofMillis(250), LeaseTerms.slack(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(5), LeaseTerms.slack(Duration.ofMinutes(15)));
    }
}
