package dev.changewire.polling.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a poll's query starts, and how the cursor moves. The cursor is the largest changed timestamp
 * seen in records, never the clock; the look-back (overlap plus the resource's pollDelay) is applied
 * at query time only, so records whose provider index lags, or that share the cursor's timestamp,
 * are read again and deduplicated rather than lost.
 */
public final class PollWindow {

    public static final String OVERLAP_KEY = "changewire.poller.overlap";
    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(2);

    private PollWindow() {
    }

    /**
     * The instant to expand the URL with: cursor − overlap − pollDelay, never before the baseline
     * (nothing older is ever emitted). Without a cursor (the first poll), the baseline.
     */
    public static Instant since(Optional<Instant> cursor, Instant baseline, Duration overlap, Duration pollDelay) {
        Objects.requireNonNull(baseline, "baseline");
        requireNotNegative(overlap, "overlap");
        requireNotNegative(pollDelay, "pollDelay");
        if (cursor.isEmpty()) {
            return baseline;
        }
        Instant since = cursor.get().minus(overlap).minus(pollDelay);
        return since.isBefore(baseline) ? baseline : since;
    }

    /**
     * The cursor after a record changed at {@code changedAt} was read in a pass that started at
     * {@code passStart}: the larger of the two, but never past the pass's start, so one record dated
     * in the future (a skewed clock, bad data) cannot push the cursor ahead and hide everything
     * changed until then.
     */
    public static Optional<Instant> advance(Optional<Instant> cursor, Instant changedAt, Instant passStart) {
        Instant capped = changedAt.isAfter(passStart) ? passStart : changedAt;
        if (cursor.isPresent() && !capped.isAfter(cursor.get())) {
            return cursor;
        }
        return Optional.of(capped);
    }

    private static void requireNotNegative(Duration duration, String name) {
        if (Objects.requireNonNull(duration, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration);
        }
    }
}
