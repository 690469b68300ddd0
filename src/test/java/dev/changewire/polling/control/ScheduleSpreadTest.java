package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleSpreadTest {

    static final Duration MINUTE = Duration.ofMinutes(1);

    /** Instances per second of a one-minute interval, for ids 0..count-1 mapped by {@code id}. */
    static int[] perSecond(int count, IntFunction<String> id) {
        int[] seconds = new int[60];
        for (int i = 0; i < count; i++) {
            Duration offset = ScheduleSpread.offset(id.apply(i), MINUTE);
            assertTrue(!offset.isNegative() && offset.compareTo(MINUTE) < 0, offset::toString);
            seconds[(int) offset.toSeconds()]++;
        }
        return seconds;
    }

    @Test
    void consecutiveNumericIdsSpreadAlmostEvenly() {
        // 1000 / 60 = 16.7 per second on average
        int[] seconds = perSecond(1000, i -> String.valueOf(50 + i));
        int max = Arrays.stream(seconds).max().orElseThrow();
        int min = Arrays.stream(seconds).min().orElseThrow();
        assertTrue(max <= 19 && min >= 14, () -> "per second: " + Arrays.toString(seconds));
    }

    @Test
    void idsAllocatedInBlocksOfFiftySpreadToo() {
        // sequences allocate 50 at a time: ids come in runs like 50..99, 150..199 after restarts
        int[] seconds = perSecond(1000, i -> String.valueOf((i / 50) * 100 + 50 + i % 50));
        assertTrue(Arrays.stream(seconds).max().orElseThrow() <= 22, () -> "per second: " + Arrays.toString(seconds));
    }

    @Test
    void textIdsSpreadLikeRandomOnes() {
        int[] seconds = perSecond(1000, i -> UUID.nameUUIDFromBytes(("instance-" + i).getBytes()).toString());
        int max = Arrays.stream(seconds).max().orElseThrow();
        assertTrue(max <= 32, () -> "per second: " + Arrays.toString(seconds));
        assertTrue(Arrays.stream(seconds).allMatch(n -> n > 0), () -> "per second: " + Arrays.toString(seconds));
    }

    @Test
    void theOffsetIsStableAndWithinShortAndLongIntervals() {
        assertEquals(ScheduleSpread.offset("4711", MINUTE), ScheduleSpread.offset("4711", MINUTE));
        assertEquals(ScheduleSpread.offset("abc", MINUTE), ScheduleSpread.offset("abc", MINUTE));
        for (Duration interval : new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofDays(7)}) {
            IntStream.range(0, 200).forEach(i -> {
                Duration offset = ScheduleSpread.offset(String.valueOf(i), interval);
                assertTrue(!offset.isNegative() && offset.compareTo(interval) < 0, offset + " in " + interval);
            });
        }
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpread.offset("1", Duration.ZERO));
    }

    @Test
    void slotsKeepTheInstancePhaseWhateverNodeComputesThem() {
        String id = "4711";
        Duration phase = ScheduleSpread.offset(id, MINUTE);
        Instant now = Instant.parse("2026-11-27T13:05:09.123Z");
        Instant latest = ScheduleSpread.latestDue(id, MINUTE, now);
        Instant first = ScheduleSpread.firstDue(id, MINUTE, now);
        assertTrue(!latest.isAfter(now) && latest.plus(MINUTE).isAfter(now));
        assertTrue(!first.isBefore(now) && first.minus(MINUTE).isBefore(now));
        assertEquals(phase.toMillis(), Math.floorMod(latest.toEpochMilli(), MINUTE.toMillis()));
        assertEquals(phase.toMillis(), Math.floorMod(first.toEpochMilli(), MINUTE.toMillis()));
        assertEquals(latest, ScheduleSpread.firstDue(id, MINUTE, latest), "a slot that is now is due now");
        assertEquals(first, ScheduleSpread.firstDue(id, MINUTE, now.plusMillis(10)));
    }

    @ParameterizedTest(name = "last {0}, now {1} -> {2}")
    @CsvSource({
            // on time, early, or a little late: one interval after the last due time
            "2026-11-27T13:00:00Z, 2026-11-27T13:00:00.200Z, 2026-11-27T13:01:00Z",
            "2026-11-27T13:00:00Z, 2026-11-27T12:59:59Z,     2026-11-27T13:01:00Z",
            "2026-11-27T13:00:00Z, 2026-11-27T13:01:00Z,     2026-11-27T13:01:00Z",
            // after a pause: the next slot of the same phase, once, not the missed ones
            "2026-11-27T13:00:00Z, 2026-11-27T13:01:00.001Z, 2026-11-27T13:02:00Z",
            "2026-11-27T13:00:00Z, 2026-11-27T15:30:30Z,     2026-11-27T15:31:00Z",
            "2026-11-27T13:00:00Z, 2026-11-27T15:31:00Z,     2026-11-27T15:31:00Z",
    })
    void nextDueNeverCatchesUpInABurst(Instant lastDue, Instant now, Instant expected) {
        assertEquals(expected, ScheduleSpread.nextDue(lastDue, MINUTE, now));
    }
}
