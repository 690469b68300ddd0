package dev.changewire.polling.control;

import dev.changewire.events.entity.ChangeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which event, if any, a polled record is. In this order:
 * <ol>
 * <li>a change before the baseline (the moment events were enabled for the resource) is never emitted;</li>
 * <li>a change not newer than the one already recorded for the object id is ignored (re-reading the
 *     overlap repeats nothing), except that a record now marked deleted whose last recorded event was
 *     not a DELETED is DELETED even at the same timestamp (a provider may not touch the updated date
 *     when it deletes);</li>
 * <li>DELETED when the deletedDateField has a value;</li>
 * <li>an object id already recorded is UPDATED: it existed before, whatever its created date says
 *     (this also keeps configurations whose createdDateField is the updated field, like the seed's,
 *     from calling every update CREATED);</li>
 * <li>otherwise Cloud Elements' rule: created within {@code createdCheckTolerance} of updated, or
 *     after it (inconsistent data, read as new), is CREATED; created earlier is UPDATED. Without a
 *     created date, Cloud Elements' fallback applies: the updated date stands in, so it is CREATED.</li>
 * </ol>
 *
 * @param createdCheckTolerance how far apart created and updated may be for CREATED
 * @param baseline              changes before this instant are never emitted
 */
public record ChangeClassifier(Duration createdCheckTolerance, Instant baseline) {

    public ChangeClassifier {
        Objects.requireNonNull(createdCheckTolerance, "createdCheckTolerance");
        Objects.requireNonNull(baseline, "baseline");
        if (createdCheckTolerance.isNegative()) {
            throw new IllegalArgumentException("createdCheckTolerance must not be negative");
        }
    }

    /**
     * @param change   the record's facts
     * @param previous the latest change already recorded for this object id, if any
     * @return the event type, or empty when nothing is to be emitted
     */
    public Optional<ChangeType> classify(RecordChange change, Optional<RecordedChange> previous) {
        Instant changedAt = change.changedAt();
        if (changedAt.isBefore(baseline)) {
            return Optional.empty();
        }
        if (previous.isPresent()) {
            RecordedChange recorded = previous.get();
            boolean newer = changedAt.isAfter(recorded.changedAt());
            boolean newlyDeleted = change.deleted() && recorded.type() != ChangeType.DELETED
                    && !changedAt.isBefore(recorded.changedAt());
            if (!newer && !newlyDeleted) {
                return Optional.empty();
            }
        }
        if (change.deleted()) {
            return Optional.of(ChangeType.DELETED);
        }
        if (previous.isPresent()) {
            return Optional.of(ChangeType.UPDATED);
        }
        Instant created = change.created().orElse(change.updated());
        Duration createdBeforeUpdated = Duration.between(created, change.updated());
        return Optional.of(createdBeforeUpdated.compareTo(createdCheckTolerance) <= 0 ? ChangeType.CREATED : ChangeType.UPDATED);
    }
}
