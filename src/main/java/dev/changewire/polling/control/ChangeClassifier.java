package dev.changewire.polling.control;

import dev.changewire.events.entity.ChangeType;
import dev.changewire.polling.entity.Classification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which events, if any, a polled record gives. In this order:
 * <ol>
 * <li>a version already recorded for the object id is ignored (re-reading the overlap repeats nothing).
 *     A version is new when its changed date is later, or when the date is the same but the content
 *     hash differs (two changes within the provider's timestamp precision). A record now marked deleted
 *     whose last recorded event was not a DELETED is DELETED even at the same timestamp (a provider may
 *     not touch the updated date when it deletes);</li>
 * <li>an object id already recorded is UPDATED (or DELETED): it existed before, whatever its created
 *     date says (this also keeps configurations whose createdDateField is the updated field, like the
 *     seed's, from calling every update CREATED);</li>
 * <li>an object id never recorded whose change is before the baseline (the moment events were enabled
 *     for the resource) is never emitted;</li>
 * <li>an object id never recorded: under {@link Classification#LIFECYCLE}, when its created date is at
 *     or after the baseline the consumer has never been told of it, so its first event is CREATED (then
 *     DELETED if it is already deleted);</li>
 * <li>otherwise Cloud Elements' rule: DELETED when deleted; created within {@code createdCheckTolerance}
 *     of updated, or after it (inconsistent data, read as new), is CREATED; created earlier is UPDATED.
 *     Without a created date, Cloud Elements' fallback applies: the updated date stands in, so it is
 *     CREATED.</li>
 * </ol>
 *
 * @param createdCheckTolerance how far apart created and updated may be for CREATED under Cloud Elements' rule
 * @param baseline              changes before this instant are never emitted
 * @param classification        lifecycle (default) or Cloud Elements' strict rule for records never reported
 */
public record ChangeClassifier(Duration createdCheckTolerance, Instant baseline, Classification classification) {

    public ChangeClassifier {
        Objects.requireNonNull(createdCheckTolerance, "createdCheckTolerance");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(classification, "classification");
        if (createdCheckTolerance.isNegative()) {
            throw new IllegalArgumentException("createdCheckTolerance must not be negative");
        }
    }

    /** Cloud Elements' strict rule (kept for the tables written for it). */
    public ChangeClassifier(Duration createdCheckTolerance, Instant baseline) {
        this(createdCheckTolerance, baseline, Classification.STRICT);
    }

    /**
     * @param change   the record's facts
     * @param previous the latest version already recorded for this object id, if any
     * @return the events in the order to emit them; empty when nothing is to be emitted
     */
    public List<ChangeType> classify(RecordChange change, Optional<RecordedChange> previous) {
        Instant changedAt = change.changedAt();
        if (previous.isPresent()) {
            // a version recorded before the baseline is one a sweep adopted: its record's later content counts
            RecordedChange recorded = previous.get();
            if (!isNewVersion(change, recorded)) {
                return List.of();
            }
            return List.of(change.deleted() ? ChangeType.DELETED : ChangeType.UPDATED);
        }
        if (changedAt.isBefore(baseline)) {
            return List.of();
        }
        if (classification == Classification.LIFECYCLE && change.created().isPresent()
                && !change.created().get().isBefore(baseline)) {
            return change.deleted() ? List.of(ChangeType.CREATED, ChangeType.DELETED) : List.of(ChangeType.CREATED);
        }
        if (change.deleted()) {
            return List.of(ChangeType.DELETED);
        }
        Instant created = change.created().orElse(change.updated());
        Duration createdBeforeUpdated = Duration.between(created, change.updated());
        return List.of(createdBeforeUpdated.compareTo(createdCheckTolerance) <= 0 ? ChangeType.CREATED : ChangeType.UPDATED);
    }

    /**
     * A record a sweep listed: compared with its recorded version as a poll's record is. A record never
     * recorded whose changed date is before the baseline gives nothing in the sweep's first pass (it is
     * how the resource was when events were enabled; the caller adopts it as a version), and UPDATED
     * (DELETED when marked so) in a later pass: it entered the listing since, as an unsubscribed contact
     * enters the unsubscribed listing without its updated date moving.
     */
    public List<ChangeType> classifySwept(RecordChange change, Optional<RecordedChange> previous, boolean firstPass) {
        if (previous.isPresent() || !change.changedAt().isBefore(baseline)) {
            return classify(change, previous);
        }
        if (firstPass) {
            return List.of();
        }
        return List.of(change.deleted() ? ChangeType.DELETED : ChangeType.UPDATED);
    }

    private static boolean isNewVersion(RecordChange change, RecordedChange recorded) {
        Instant changedAt = change.changedAt();
        if (changedAt.isAfter(recorded.changedAt())) {
            return true;
        }
        if (changedAt.isBefore(recorded.changedAt())) {
            return false;
        }
        // the same changed date
        if (change.deleted()) {
            return recorded.type() != ChangeType.DELETED;
        }
        // versions recorded before content hashes existed have none: the date alone decides, as it did
        return change.contentHash() != null && recorded.contentHash() != null
                && !change.contentHash().equals(recorded.contentHash());
    }
}
