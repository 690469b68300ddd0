package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuePollsTest {

    static final Instant T = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void theLatestSlotRunsFirstAndEqualSlotsInOfferOrder() {
        DuePolls due = new DuePolls(10, 1);
        due.offer(1, T.plusSeconds(5));
        due.offer(2, T);
        due.offer(3, T.plusSeconds(5));
        due.offer(4, T.minusSeconds(30));
        List<Long> order = new ArrayList<>();
        assertTrue(due.claimRunner());
        for (var next = due.nextOrRetire(); next.isPresent(); next = due.nextOrRetire()) {
            order.add(next.get().instanceId());
            due.done(next.get().instanceId());
        }
        assertEquals(List.of(4L, 2L, 1L, 3L), order);
        assertEquals(0, due.running());
        assertEquals(0, due.waiting());
    }

    @Test
    void anInstanceWaitingOrRunningIsNotQueuedTwice() {
        DuePolls due = new DuePolls(10, 2);
        assertEquals(DuePolls.Admission.QUEUED, due.offer(7, T));
        assertEquals(DuePolls.Admission.ALREADY_QUEUED_OR_RUNNING, due.offer(7, T.plusSeconds(60)));
        assertTrue(due.isWaiting(7));
        assertTrue(due.claimRunner());
        assertEquals(7, due.nextOrRetire().orElseThrow().instanceId());
        assertFalse(due.isWaiting(7));
        assertEquals(DuePolls.Admission.ALREADY_QUEUED_OR_RUNNING, due.offer(7, T.plusSeconds(60)), "still running");
        due.done(7);
        assertEquals(DuePolls.Admission.QUEUED, due.offer(7, T.plusSeconds(60)));
    }

    @Test
    void aFullQueueRefusesAndCountsAndTakesAgainOnceARunnerTookOne() {
        DuePolls due = new DuePolls(2, 1);
        due.offer(1, T);
        due.offer(2, T);
        assertEquals(DuePolls.Admission.FULL, due.offer(3, T));
        assertEquals(1, due.refused());
        assertTrue(due.claimRunner());
        due.nextOrRetire();
        assertEquals(DuePolls.Admission.QUEUED, due.offer(3, T));
    }

    @Test
    void runnersAreBoundedByTheConcurrencyAndARetiredRunnerMakesRoom() {
        DuePolls due = new DuePolls(100, 2);
        assertFalse(due.claimRunner(), "no runner without waiting polls");
        for (int i = 0; i < 5; i++) {
            due.offer(i, T.plusSeconds(i));
        }
        assertTrue(due.claimRunner());
        assertTrue(due.claimRunner());
        assertFalse(due.claimRunner(), "two at most");
        due.retire(); // one could not start
        assertTrue(due.claimRunner());
        // a runner that finds nothing retires, so an offer after it can start one
        DuePolls empty = new DuePolls(10, 1);
        empty.offer(1, T);
        assertTrue(empty.claimRunner());
        empty.nextOrRetire();
        empty.done(1);
        assertTrue(empty.nextOrRetire().isEmpty());
        empty.offer(2, T);
        assertTrue(empty.claimRunner(), "the retired runner's place is free");
    }

    @Test
    void theOldestLagIsHowLateTheOldestWaitingPollIs() {
        DuePolls due = new DuePolls(10, 1);
        assertEquals(Duration.ZERO, due.oldestLag(T));
        due.offer(1, T.minusSeconds(90));
        due.offer(2, T.minusSeconds(10));
        assertEquals(Duration.ofSeconds(90), due.oldestLag(T));
        assertTrue(due.claimRunner());
        due.nextOrRetire();
        assertEquals(Duration.ofSeconds(10), due.oldestLag(T));
        assertEquals(Duration.ZERO, new DuePolls(10, 1).oldestLag(T));
    }
}
