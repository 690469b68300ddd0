package dev.changewire.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotaDayTest {

    @Test
    void constantContactsDayEndsAtMidnightUtc() {
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), QuotaDay.UTC.ends(Instant.parse("2026-11-27T23:59:59.999Z")));
        assertEquals(Instant.parse("2026-11-29T00:00:00Z"), QuotaDay.UTC.ends(Instant.parse("2026-11-28T00:00:00Z")));
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), QuotaDay.UTC.starts(Instant.parse("2026-11-28T13:14:15Z")));
        assertFalse(QuotaDay.UTC.shortened());
        assertEquals(QuotaDay.UTC, QuotaDay.of("k", null));
    }

    @Test
    void aShortenedDayTilesTheUtcDay() {
        QuotaDay day = new QuotaDay(Duration.ofMinutes(2));
        assertTrue(day.shortened());
        assertEquals(Instant.parse("2026-11-27T12:04:00Z"), day.ends(Instant.parse("2026-11-27T12:03:59Z")));
        assertEquals(Instant.parse("2026-11-27T12:06:00Z"), day.ends(Instant.parse("2026-11-27T12:04:00Z")));
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), day.ends(Instant.parse("2026-11-27T23:59:00Z")), "the last ends at midnight");
        QuotaDay ninety = new QuotaDay(Duration.ofMinutes(90));
        assertEquals(Instant.parse("2026-11-27T13:30:00Z"), ninety.ends(Instant.parse("2026-11-27T12:00:00Z")));
    }

    @Test
    void aQuotaDayIsWholeMinutesThatDivideADay() {
        for (String length : new String[] {"PT1M", "PT2M", "PT10M", "PT90M", "PT8H", "P1D"}) {
            assertEquals(Duration.parse(length), QuotaDay.of("k", Duration.parse(length)).length());
        }
        for (String length : new String[] {"PT0S", "PT-2M", "PT30S", "PT90S", "PT7M", "PT7H", "P2D", "PT1M0.5S"}) {
            var refused = assertThrows(IllegalArgumentException.class, () -> QuotaDay.of("changewire.x.quota-day", Duration.parse(length)), length);
            assertTrue(refused.getMessage().startsWith("changewire.x.quota-day: a quota day must be whole minutes"), refused.getMessage());
        }
    }
}
