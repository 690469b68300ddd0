package dev.changewire.polling.control;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When each instance's polls are due, so that many instances on one interval spread over it instead
 * of firing together, and every node computes the same slots without talking to the others.
 * <p>
 * An instance's phase is a stable offset in [0, interval): for numeric ids (instances have number ids,
 * mostly consecutive) the fractional part of id × golden ratio, a Weyl sequence that places any run of
 * consecutive ids almost evenly; for other ids the same applied to a 64-bit hash of the id. Slots are
 * epoch + phase + k × interval, so they do not depend on when a node started.
 */
public final class ScheduleSpread {

    /** 2^64 / golden ratio, the multiplier of Fibonacci hashing. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private ScheduleSpread() {
    }

    /** The instance's stable offset in [0, interval). */
    public static Duration offset(String instanceId, Duration interval) {
        long intervalMillis = positiveMillis(interval);
        long mixed = key(Objects.requireNonNull(instanceId, "instanceId")) * GOLDEN;
        // the top 53 bits of the product are the fraction of id x golden ratio
        double fraction = (mixed >>> 11) * 0x1.0p-53;
        return Duration.ofMillis(Math.min(intervalMillis - 1, (long) (fraction * intervalMillis)));
    }

    /** The first slot at or after {@code now}: when to start the instance's timer. */
    public static Instant firstDue(String instanceId, Duration interval, Instant now) {
        Instant latest = latestDue(instanceId, interval, now);
        return latest.equals(now) ? latest : latest.plus(interval);
    }

    /** The latest slot at or before {@code now}: what a run that starts now was due at (its lag is now minus this). */
    public static Instant latestDue(String instanceId, Duration interval, Instant now) {
        long intervalMillis = positiveMillis(interval);
        long phase = offset(instanceId, interval).toMillis();
        long sincePhase = now.toEpochMilli() - phase;
        long slot = Math.floorDiv(sincePhase, intervalMillis) * intervalMillis + phase;
        return Instant.ofEpochMilli(slot);
    }

    /**
     * The due time after {@code lastDue}: one interval later, or, when that has passed already (the
     * node paused, or a run overran), the first slot of the same phase at or after {@code now}, so a
     * pause is followed by one run, not by a burst of missed ones.
     */
    public static Instant nextDue(Instant lastDue, Duration interval, Instant now) {
        long intervalMillis = positiveMillis(interval);
        Instant next = lastDue.plus(interval);
        if (!next.isBefore(now)) {
            return next;
        }
        long behind = now.toEpochMilli() - lastDue.toEpochMilli();
        long intervals = Math.floorDiv(behind + intervalMillis - 1, intervalMillis);
        return Instant.ofEpochMilli(lastDue.toEpochMilli() + intervals * intervalMillis);
    }

    private static long key(String instanceId) {
        String id = instanceId.strip();
        if (!id.isEmpty() && id.length() <= 18 && id.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(id);
        }
        // FNV-1a, then a murmur finalizer: a stable, well-mixed 64-bit key
        long hash = 0xcbf29ce484222325L;
        for (byte b : instanceId.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xFF)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }

    private static long positiveMillis(Duration interval) {
        long millis = Objects.requireNonNull(interval, "interval").toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("interval must be at least a millisecond, got " + interval);
        }
        return millis;
    }
}
