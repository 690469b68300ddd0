package dev.changewire.polling.control;

import dev.changewire.events.entity.ChangeType;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest change already recorded for an object id of a resource.
 *
 * @param changedAt the timestamp it was recorded under ({@link RecordChange#changedAt()})
 * @param type      its event type
 * @param contentHash the {@link RecordContent} hash of that version, null for versions recorded before hashes
 */
public record RecordedChange(Instant changedAt, ChangeType type, String contentHash) {

    public RecordedChange(Instant changedAt, ChangeType type) {
        this(changedAt, type, null);
    }

    public RecordedChange {
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(type, "type");
    }
}
