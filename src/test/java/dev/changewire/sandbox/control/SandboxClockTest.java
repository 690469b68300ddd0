package dev.changewire.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SandboxClockTest {

    @Test
    void neverHandsOutTheSameMillisecondTwiceEvenWhenTimeStandsStill() {
        SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2026-11-27T13:00:00.123456Z"), ZoneOffset.UTC));
        Instant first = clock.next();
        Instant second = clock.next();
        assertEquals(Instant.parse("2026-11-27T13:00:00.123Z"), first);
        assertEquals(first.plusMillis(1), second);
        assertEquals("2026-11-27T13:00:00.124Z", SandboxClock.format(second));
    }

    @Test
    void staysAheadOfARecordsFutureTimestampWithoutDraggingTheClock() {
        SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2026-11-27T13:00:00Z"), ZoneOffset.UTC));
        Instant future = Instant.parse("2030-01-01T00:00:00Z");
        assertEquals(future.plusMillis(1), clock.nextAfter(future));
        assertTrue(clock.next().isBefore(Instant.parse("2026-11-27T13:00:01Z")));
    }
}
