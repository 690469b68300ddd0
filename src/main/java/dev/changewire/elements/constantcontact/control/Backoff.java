package dev.changewire.elements.constantcontact.control;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between retries of one provider call: exponential from {@code base}, capped, with full
 * jitter in its upper half (so callers that failed together do not retry together).
 */
public record Backoff(Duration base, Duration cap) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

    /** The wait before retry number {@code retry} (1 = the first retry). */
    public Duration before(int retry, RandomGenerator random) {
        long baseMillis = Math.max(1, base.toMillis());
        long exponential = retry >= 20 ? Long.MAX_VALUE : baseMillis << Math.max(0, retry - 1);
        long ceiling = Math.min(cap.toMillis(), exponential);
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }
}
