package dev.changewire.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.changewire.platform.control.QuotaDay;
import dev.changewire.sandbox.control.TrafficCounter.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficCounterTest {

    static final Instant T = Instant.parse("2026-11-27T13:00:00.000Z");

    @Test
    void servesFourPerWallClockSecondThenThrottles() {
        TrafficCounter counter = new TrafficCounter(QuotaDay.UTC);
        for (int i = 0; i < 4; i++) {
            assertEquals(Verdict.SERVED, counter.admit(T.plusMillis(100 * i), 4, 100));
        }
        assertEquals(Verdict.THROTTLED, counter.admit(T.plusMillis(999), 4, 100));
        assertEquals(Verdict.SERVED, counter.admit(T.plusMillis(1000), 4, 100), "a new epoch second");
        var s = counter.snapshot(T.plusMillis(1000));
        assertEquals(5, s.served());
        assertEquals(1, s.throttled());
        assertEquals(4, s.maxPerSecond());
        assertEquals(5, s.servedToday());
    }

    @Test
    void dailyQuotaResetsAtMidnightUtcOrOnDemand() {
        TrafficCounter counter = new TrafficCounter(QuotaDay.UTC);
        Instant late = Instant.parse("2026-11-27T23:59:58.000Z");
        assertEquals(Verdict.SERVED, counter.admit(late, 4, 2));
        assertEquals(Verdict.SERVED, counter.admit(late.plusSeconds(1), 4, 2));
        assertEquals(Verdict.QUOTA_EXCEEDED, counter.admit(late.plusSeconds(1), 4, 2));
        assertEquals(Verdict.SERVED, counter.admit(late.plusSeconds(2), 4, 2), "00:00 UTC");
        assertEquals(Verdict.SERVED, counter.admit(late.plusSeconds(3), 4, 2));
        assertEquals(Verdict.QUOTA_EXCEEDED, counter.admit(late.plusSeconds(4), 4, 2));
        counter.resetDay();
        assertEquals(Verdict.SERVED, counter.admit(late.plusSeconds(5), 4, 2));
        assertEquals(2, counter.snapshot(late.plusSeconds(5)).quotaExceeded());
        assertEquals(1, counter.snapshot(late.plusSeconds(5)).maxPerSecond(), "refused requests are not served");
    }

    @Test
    void aShortenedDayRenewsTheQuotaAtItsEndAndKeepsTheFinishedDaysCounts() {
        TrafficCounter counter = new TrafficCounter(new QuotaDay(Duration.ofMinutes(2)));
        Instant late = Instant.parse("2026-11-27T12:01:59.000Z");
        assertEquals(Verdict.SERVED, counter.admit(late, 4, 2));
        assertEquals(Verdict.SERVED, counter.admit(late, 4, 2));
        assertEquals(Verdict.QUOTA_EXCEEDED, counter.admit(late, 4, 2));
        assertEquals(Verdict.SERVED, counter.admit(late.plusSeconds(1), 4, 2), "12:02, a new day");
        var s = counter.snapshot(late.plusSeconds(1));
        assertEquals(Instant.parse("2026-11-27T12:02:00Z"), s.dayStarted());
        assertEquals(1, s.servedToday());
        assertEquals(List.of(new TrafficCounter.DayCount(Instant.parse("2026-11-27T12:00:00Z"), 2)), s.earlierDays());
        var later = counter.snapshot(Instant.parse("2026-11-27T12:04:30Z"));
        assertEquals(Instant.parse("2026-11-27T12:04:00Z"), later.dayStarted(), "a day that has ended is closed when read, without a request");
        assertEquals(0, later.servedToday());
        assertEquals(new TrafficCounter.DayCount(Instant.parse("2026-11-27T12:02:00Z"), 1), later.earlierDays().get(0));
        for (int day = 1; day <= TrafficCounter.DAYS_KEPT + 5; day++) {
            counter.admit(late.plus(Duration.ofMinutes(4 + 2L * day)), 4, 2);
        }
        assertEquals(TrafficCounter.DAYS_KEPT, counter.snapshot(late.plus(Duration.ofMinutes(4 + 2L * (TrafficCounter.DAYS_KEPT + 5)))).earlierDays().size(), "a bounded history");
    }

    @Test
    void concurrentRequestsNeverExceedTheLimitInOneSecond() throws InterruptedException {
        TrafficCounter counter = new TrafficCounter(QuotaDay.UTC);
        Thread[] threads = new Thread[16];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 100; j++) {
                    counter.admit(T, 4, 100_000);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(4, counter.snapshot(T).served());
        assertEquals(1596, counter.snapshot(T).throttled());
    }
}
