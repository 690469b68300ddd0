package dev.changewire.elements.constantcontact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.platform.control.QuotaDay;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

    static final RateLimitSettings DEFAULTS = new RateLimitSettings(4, 10_000, Duration.ofMillis(200), Duration.ofSeconds(60), QuotaDay.UTC);

    /** A clock the test moves; Bucket4j reads it in nanoseconds. */
    static final class FakeClock implements TimeMeter {
        long millis;

        FakeClock(Instant start) {
            this.millis = start.toEpochMilli();
        }

        @Override
        public long currentTimeNanos() {
            return millis * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    static Bucket bucket(BucketConfiguration configuration, FakeClock clock) {
        return Bucket.builder().withCustomTimePrecision(clock).addLimit(configuration.getBandwidths()[0]).build();
    }

    @Test
    void neverMoreThanFourInAnyEpochSecondWhateverTheArrivalPattern() {
        Instant start = Instant.parse("2026-11-27T12:00:00.730Z");
        FakeClock clock = new FakeClock(start);
        Bucket bucket = bucket(DEFAULTS.perSecond(start), clock);
        Map<Long, Integer> perSecond = new HashMap<>();
        Random random = new Random(42);
        int sent = 0;
        for (int i = 0; i < 20_000; i++) {
            clock.millis += random.nextInt(40);
            if (DEFAULTS.tailWaitMillis(clock.millis) > 0) {
                continue;
            }
            if (bucket.tryConsume(1)) {
                sent++;
                perSecond.merge(Math.floorDiv(clock.millis, 1000L), 1, Integer::sum);
            }
        }
        assertTrue(perSecond.values().stream().allMatch(n -> n <= 4), perSecond::toString);
        // under a steady demand (a request every 20 ms on average) every second gets its four
        long seconds = perSecond.size();
        assertTrue(sent >= seconds * 4 - 4, sent + " in " + seconds + " s");
    }

    @Test
    void refillsComeAtEpochSecondsSoAReservationEndsOnOne() {
        Instant start = Instant.parse("2026-11-27T12:00:00.300Z");
        FakeClock clock = new FakeClock(start);
        Bucket bucket = bucket(DEFAULTS.perSecond(start), clock);
        assertTrue(bucket.tryConsume(4));
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        assertEquals(false, probe.isConsumed());
        assertEquals(700, probe.getNanosToWaitForRefill() / 1_000_000);
        clock.millis += 699;
        assertEquals(false, bucket.tryConsume(1));
        clock.millis += 1;
        assertTrue(bucket.tryConsume(4));
    }

    @Test
    void theTailOfASecondWaitsForTheNext() {
        long second = Instant.parse("2026-11-27T12:00:00Z").toEpochMilli();
        assertEquals(0, DEFAULTS.tailWaitMillis(second));
        assertEquals(0, DEFAULTS.tailWaitMillis(second + 799));
        assertEquals(200, DEFAULTS.tailWaitMillis(second + 800));
        assertEquals(1, DEFAULTS.tailWaitMillis(second + 999));
        assertEquals(0, new RateLimitSettings(4, 1, Duration.ZERO, Duration.ZERO, QuotaDay.UTC).tailWaitMillis(second + 999));
    }

    @Test
    void theDayRefillsAtMidnightUtc() {
        Instant start = Instant.parse("2026-11-27T23:59:58Z");
        FakeClock clock = new FakeClock(start);
        RateLimitSettings settings = new RateLimitSettings(4, 3, Duration.ZERO, Duration.ZERO, QuotaDay.UTC);
        Bucket day = bucket(settings.perDay(start), clock);
        assertTrue(day.tryConsume(3));
        assertEquals(false, day.tryConsume(1));
        clock.millis += 1999;
        assertEquals(false, day.tryConsume(1));
        clock.millis += 1;
        assertTrue(day.tryConsume(3));
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), settings.dayEnds(start));
        assertEquals(Instant.parse("2026-11-29T00:00:00Z"), settings.dayEnds(Instant.parse("2026-11-28T00:00:00Z")));
    }

    @Test
    void aShortenedQuotaDayRefillsAtEachMultipleOfItsLengthSinceMidnight() {
        Instant start = Instant.parse("2026-11-27T12:03:59Z");
        FakeClock clock = new FakeClock(start);
        RateLimitSettings settings = new RateLimitSettings(4, 3, Duration.ZERO, Duration.ZERO, new QuotaDay(Duration.ofMinutes(2)));
        assertEquals(Instant.parse("2026-11-27T12:04:00Z"), settings.dayEnds(start));
        assertEquals(Instant.parse("2026-11-27T12:06:00Z"), settings.dayEnds(Instant.parse("2026-11-27T12:04:00Z")));
        Bucket day = bucket(settings.perDay(start), clock);
        assertTrue(day.tryConsume(3));
        assertFalse(day.tryConsume(1));
        clock.millis += 1000;
        assertTrue(day.tryConsume(3), "a new day at 12:04");
        clock.millis += 119_999;
        assertFalse(day.tryConsume(1));
        clock.millis += 1;
        assertTrue(day.tryConsume(3), "and another at 12:06");
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), settings.withLimits(1, 1).dayEnds(Instant.parse("2026-11-27T23:59:00Z")),
                "its days tile the UTC day: the last ends at midnight");
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings(0, 1, Duration.ZERO, Duration.ZERO, QuotaDay.UTC));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings(1, 0, Duration.ZERO, Duration.ZERO, QuotaDay.UTC));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings(1, 1, Duration.ofSeconds(1), Duration.ZERO, QuotaDay.UTC));
        assertThrows(IllegalArgumentException.class, () -> new RateLimitSettings(1, 1, Duration.ZERO, Duration.ofSeconds(-1), QuotaDay.UTC));
    }
}
