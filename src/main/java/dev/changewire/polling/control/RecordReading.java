package dev.changewire.polling.control;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading one polled record: its change facts, or why it is skipped (the poller counts
 * skips per reason and shows them, and does not advance its cursor past what it could not read).
 *
 * @param change the facts, or null when skipped
 * @param skip   why it is skipped, or null
 * @param detail a human-readable explanation for a skip (the field and the offending value), or null
 */
public record RecordReading(RecordChange change, SkipReason skip, String detail) {

    public enum SkipReason { MISSING_ID, MISSING_UPDATED_DATE, UNPARSEABLE_UPDATED_DATE }

    public static RecordReading of(RecordChange change) {
        return new RecordReading(Objects.requireNonNull(change, "change"), null, null);
    }

    public static RecordReading skipped(SkipReason reason, String detail) {
        return new RecordReading(null, Objects.requireNonNull(reason, "reason"), detail);
    }

    public boolean isSkipped() {
        return skip != null;
    }

    public Optional<RecordChange> asOptional() {
        return Optional.ofNullable(change);
    }
}
