package dev.changewire.polling.control;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of one polled record that decide its event.
 *
 * @param objectId  the record's id (the idField's value as text)
 * @param updated   when it was last modified (the created date stands in when the record has no updated date)
 * @param created   when it was created, if the record says so (unparseable counts as unknown)
 * @param deleted   whether the deletedDateField has a value
 * @param deletedAt that value as an instant, when it is a readable date
 * @param contentHash the {@link RecordContent} hash of the record, or null when not computed; tells apart
 *                  two versions with the same updated date
 */
public record RecordChange(String objectId, Instant updated, Optional<Instant> created, boolean deleted, Optional<Instant> deletedAt,
                           String contentHash) {

    public RecordChange(String objectId, Instant updated, Optional<Instant> created, boolean deleted, Optional<Instant> deletedAt) {
        this(objectId, updated, created, deleted, deletedAt, null);
    }

    public RecordChange withContentHash(String hash) {
        return new RecordChange(objectId, updated, created, deleted, deletedAt, hash);
    }

    public RecordChange {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    /**
     * The timestamp this change is recorded (deduplicated) under and the cursor advances by: the updated
     * date, or for a deletion the later of updated and the deletion date, because a provider may mark a
     * record deleted without touching its updated date, and that deletion must still be newer than the
     * last update recorded.
     */
    public Instant changedAt() {
        if (deleted && deletedAt.isPresent() && deletedAt.get().isAfter(updated)) {
            return deletedAt.get();
        }
        return updated;
    }
}
