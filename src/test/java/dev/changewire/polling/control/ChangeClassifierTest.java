package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.changewire.events.entity.ChangeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.changewire.polling.entity.Classification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeClassifierTest {

    static final Instant BASELINE = Instant.parse("2026-11-27T12:00:00Z");

    static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }

    /**
     * The classification table. Columns: updated, created (- = none), deletedAt (- = not deleted,
     * marker = deleted without a date), tolerance in seconds, already recorded changedAt and type
     * (- = never seen), expected (- = nothing emitted).
     */
    @ParameterizedTest(name = "[{index}] updated {0} created {1} deleted {2} tolerance {3}s previous {4}/{5} -> {6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // Cloud Elements' rule for ids never seen
            "2026-11-27T13:00:00Z     | 2026-11-27T13:00:00Z     | -      | 0 | -                    | -       | CREATED",
            "2026-11-27T13:00:00.900Z | 2026-11-27T13:00:00Z     | -      | 1 | -                    | -       | CREATED",
            "2026-11-27T13:00:01Z     | 2026-11-27T13:00:00Z     | -      | 1 | -                    | -       | CREATED",
            "2026-11-27T13:00:01.001Z | 2026-11-27T13:00:00Z     | -      | 1 | -                    | -       | UPDATED",
            "2026-11-27T13:00:00.001Z | 2026-11-27T13:00:00Z     | -      | 0 | -                    | -       | UPDATED",
            "2026-11-27T13:00:00Z     | 2026-11-20T09:00:00Z     | -      | 1 | -                    | -       | UPDATED",
            // created after updated: inconsistent, read as new
            "2026-11-27T13:00:00Z     | 2026-11-27T13:05:00Z     | -      | 0 | -                    | -       | CREATED",
            // no created date: updated stands in (Cloud Elements' fallback)
            "2026-11-27T13:00:00Z     | -                        | -      | 0 | -                    | -       | CREATED",
            // an id already recorded is UPDATED when newer, nothing when not newer
            "2026-11-27T13:10:00Z     | -                        | -      | 1 | 2026-11-27T13:00:00Z | CREATED | UPDATED",
            "2026-11-27T13:10:00Z     | 2026-11-27T13:10:00Z     | -      | 1 | 2026-11-27T13:00:00Z | CREATED | UPDATED",
            "2026-11-27T13:10:00Z     | 2026-11-20T09:00:00Z     | -      | 1 | 2026-11-27T13:00:00Z | UPDATED | UPDATED",
            "2026-11-27T13:00:00Z     | 2026-11-20T09:00:00Z     | -      | 1 | 2026-11-27T13:00:00Z | UPDATED | -",
            "2026-11-27T12:59:59Z     | 2026-11-20T09:00:00Z     | -      | 1 | 2026-11-27T13:00:00Z | UPDATED | -",
            "2026-11-27T13:00:00.001Z | 2026-11-20T09:00:00Z     | -      | 1 | 2026-11-27T13:00:00Z | UPDATED | UPDATED",
            // deletions
            "2026-11-27T13:00:00Z     | 2026-11-20T09:00:00Z     | 2026-11-27T13:00:00Z | 1 | -      | -       | DELETED",
            "2026-11-27T13:00:00Z     | 2026-11-27T13:00:00Z     | marker | 1 | -                    | -       | DELETED",
            "2026-11-27T13:00:00Z     | 2026-11-20T09:00:00Z     | 2026-11-27T13:30:00Z | 1 | 2026-11-27T13:00:00Z | UPDATED | DELETED",
            "2026-11-27T13:00:00Z     | 2026-11-20T09:00:00Z     | marker | 1 | 2026-11-27T13:00:00Z | UPDATED | DELETED",
            "2026-11-27T13:00:00Z     | 2026-11-20T09:00:00Z     | marker | 1 | 2026-11-27T13:00:00Z | DELETED | -",
            "2026-11-27T13:00:00Z     | 2026-11-20T09:00:00Z     | 2026-11-27T13:30:00Z | 1 | 2026-11-27T13:30:00Z | DELETED | -",
            "2026-11-27T12:00:00Z     | 2026-11-20T09:00:00Z     | marker | 1 | 2026-11-27T13:00:00Z | UPDATED | -",
            // a record brought back after its deletion
            "2026-11-27T14:00:00Z     | 2026-11-20T09:00:00Z     | -      | 1 | 2026-11-27T13:30:00Z | DELETED | UPDATED",
            // the baseline: nothing older is ever emitted; at the baseline it is
            "2026-11-27T11:59:59.999Z | 2026-11-27T11:59:59.999Z | -      | 0 | -                    | -       | -",
            "2026-11-27T12:00:00Z     | 2026-11-27T12:00:00Z     | -      | 0 | -                    | -       | CREATED",
            "2026-11-27T11:00:00Z     | 2026-11-20T09:00:00Z     | marker | 1 | -                    | -       | -",
            "2026-11-27T11:00:00Z     | 2026-11-20T09:00:00Z     | 2026-11-27T12:30:00Z | 1 | - | -        | DELETED",
    })
    void classificationTable(String updated, String created, String deleted, long toleranceSeconds,
                             String previousAt, ChangeType previousType, ChangeType expected) {
        boolean isDeleted = deleted != null;
        Optional<Instant> deletedAt = isDeleted && !deleted.equals("marker") ? instant(deleted) : Optional.empty();
        RecordChange change = new RecordChange("c1", Instant.parse(updated), instant(created), isDeleted, deletedAt);
        Optional<RecordedChange> previous = instant(previousAt).map(at -> new RecordedChange(at, previousType));
        ChangeClassifier classifier = new ChangeClassifier(Duration.ofSeconds(toleranceSeconds), BASELINE);
        assertEquals(expected == null ? List.of() : List.of(expected), classifier.classify(change, previous));
    }

    @Test
    void rereadingTheSameRecordEmitsOnceAndASecondUpdateIsANewEvent() {
        ChangeClassifier classifier = new ChangeClassifier(Duration.ofSeconds(1), BASELINE);
        RecordChange first = new RecordChange("c1", Instant.parse("2026-11-27T13:00:00Z"),
                instant("2026-11-27T13:00:00Z"), false, Optional.empty());
        assertEquals(List.of(ChangeType.CREATED), classifier.classify(first, Optional.empty()));
        Optional<RecordedChange> recorded = Optional.of(new RecordedChange(first.changedAt(), ChangeType.CREATED));
        for (int poll = 0; poll < 10; poll++) {
            assertEquals(List.of(), classifier.classify(first, recorded));
        }
        RecordChange second = new RecordChange("c1", Instant.parse("2026-11-27T13:00:00.500Z"),
                instant("2026-11-27T13:00:00Z"), false, Optional.empty());
        assertEquals(List.of(ChangeType.UPDATED), classifier.classify(second, recorded),
                "an update within the tolerance of a record already seen is not CREATED twice");
    }

    /**
     * The lifecycle rule (the default) for ids never reported. Columns: updated, created (- = none),
     * deletedAt (- = not deleted), expected events in order (- = none). Tolerance 1 s, baseline 12:00.
     */
    @ParameterizedTest(name = "[{index}] lifecycle: updated {0} created {1} deleted {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // created after the baseline and updated before the poll that found it: the consumer never heard of it
            "2026-11-27T13:05:00Z | 2026-11-27T13:00:00Z | -                    | CREATED",
            // created and deleted between two polls: CREATED then DELETED, in that order
            "2026-11-27T13:05:00Z | 2026-11-27T13:00:00Z | 2026-11-27T13:05:00Z | CREATED DELETED",
            "2026-11-27T13:00:00Z | 2026-11-27T13:00:00Z | 2026-11-27T13:00:00Z | CREATED DELETED",
            // created exactly at the baseline counts as after it
            "2026-11-27T12:30:00Z | 2026-11-27T12:00:00Z | -                    | CREATED",
            // created before the baseline: the consumer may have known it; Cloud Elements' rule
            "2026-11-27T13:05:00Z | 2026-11-27T11:59:59Z | -                    | UPDATED",
            "2026-11-27T13:05:00Z | 2026-11-27T11:59:59Z | 2026-11-27T13:05:00Z | DELETED",
            // no created date: Cloud Elements' fallback (the updated date stands in)
            "2026-11-27T13:05:00Z | -                    | -                    | CREATED",
            "2026-11-27T13:05:00Z | -                    | 2026-11-27T13:05:00Z | DELETED",
            // nothing older than the baseline, ever
            "2026-11-27T11:00:00Z | 2026-11-27T11:00:00Z | -                    | -",
    })
    void lifecycleTable(String updated, String created, String deleted, String expected) {
        RecordChange change = new RecordChange("c1", Instant.parse(updated), instant(created), deleted != null, instant(deleted));
        ChangeClassifier classifier = new ChangeClassifier(Duration.ofSeconds(1), BASELINE, Classification.LIFECYCLE);
        List<ChangeType> types = expected == null ? List.of()
                : java.util.Arrays.stream(expected.split(" ")).map(ChangeType::valueOf).toList();
        assertEquals(types, classifier.classify(change, Optional.empty()));
    }

    @Test
    void strictKeepsCloudElementsRuleForQuickSecondChanges() {
        ChangeClassifier strict = new ChangeClassifier(Duration.ofSeconds(1), BASELINE, Classification.STRICT);
        RecordChange updatedSoon = new RecordChange("c1", Instant.parse("2026-11-27T13:05:00Z"),
                instant("2026-11-27T13:00:00Z"), false, Optional.empty());
        RecordChange deletedSoon = new RecordChange("c1", Instant.parse("2026-11-27T13:05:00Z"),
                instant("2026-11-27T13:00:00Z"), true, instant("2026-11-27T13:05:00Z"));
        assertEquals(List.of(ChangeType.UPDATED), strict.classify(updatedSoon, Optional.empty()));
        assertEquals(List.of(ChangeType.DELETED), strict.classify(deletedSoon, Optional.empty()));
    }

    @Test
    void aLifecycleRecordAlreadyReportedIsUpdatedThenDeletedOnce() {
        ChangeClassifier classifier = new ChangeClassifier(Duration.ofSeconds(1), BASELINE, Classification.LIFECYCLE);
        Optional<RecordedChange> created = Optional.of(new RecordedChange(Instant.parse("2026-11-27T13:00:00Z"), ChangeType.CREATED, "a"));
        RecordChange update = new RecordChange("c1", Instant.parse("2026-11-27T13:05:00Z"), instant("2026-11-27T13:00:00Z"),
                false, Optional.empty(), "b");
        assertEquals(List.of(ChangeType.UPDATED), classifier.classify(update, created));
        Optional<RecordedChange> updated = Optional.of(new RecordedChange(update.changedAt(), ChangeType.UPDATED, "b"));
        RecordChange delete = new RecordChange("c1", Instant.parse("2026-11-27T13:05:00Z"), instant("2026-11-27T13:00:00Z"),
                true, Optional.empty(), "c");
        assertEquals(List.of(ChangeType.DELETED), classifier.classify(delete, updated));
        Optional<RecordedChange> deleted = Optional.of(new RecordedChange(update.changedAt(), ChangeType.DELETED, "c"));
        assertEquals(List.of(), classifier.classify(delete, deleted));
        assertEquals(List.of(), classifier.classify(delete.withContentHash("d"), deleted),
                "a deleted record re-read with other content is not deleted twice");
    }

    /** Versions with the same updated date: the content hash tells them apart; re-reads stay silent. */
    @ParameterizedTest(name = "[{index}] recorded hash {0}, read hash {1} at the same date -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "aaaa | aaaa | -",
            "aaaa | bbbb | UPDATED",
            // versions recorded before hashes existed: the date alone decides, as before
            "-    | bbbb | -",
            "aaaa | -    | -",
    })
    void sameSecondVersionsByContent(String recordedHash, String readHash, ChangeType expected) {
        Instant at = Instant.parse("2026-11-27T13:00:00Z");
        ChangeClassifier classifier = new ChangeClassifier(Duration.ofSeconds(1), BASELINE, Classification.LIFECYCLE);
        RecordChange read = new RecordChange("c1", at, instant("2026-11-27T12:30:00Z"), false, Optional.empty(), readHash);
        Optional<RecordedChange> recorded = Optional.of(new RecordedChange(at, ChangeType.CREATED, recordedHash));
        assertEquals(expected == null ? List.of() : List.of(expected), classifier.classify(read, recorded));
        RecordChange older = new RecordChange("c1", at.minusSeconds(1), instant("2026-11-27T12:30:00Z"), false, Optional.empty(), readHash);
        assertEquals(List.of(), classifier.classify(older, recorded), "an older version is never new, whatever its content");
    }

    @Test
    void negativeToleranceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChangeClassifier(Duration.ofSeconds(-1), BASELINE));
    }
    /**
     * Sweeps: a record listed again is compared with its version as a poll's is, except that a record
     * never recorded and changed before the baseline is adopted in the sweep's first pass (nothing
     * emitted) and UPDATED in a later one (it entered the listing since, as an unsubscribed contact does).
     */
    @Test
    void sweptRecordsAreComparedWithTheirVersionAndUnknownOldOnesAdoptedOnlyInTheFirstPass() {
        ChangeClassifier classifier = new ChangeClassifier(Duration.ofSeconds(1), BASELINE, Classification.LIFECYCLE);
        Instant old = Instant.parse("2026-01-05T10:00:00Z");
        RecordChange unsubscribed = new RecordChange("c1", old, Optional.of(old), false, Optional.empty()).withContentHash("h2");
        assertEquals(List.of(), classifier.classifySwept(unsubscribed, Optional.empty(), true), "adopted in the first pass");
        assertEquals(List.of(ChangeType.UPDATED), classifier.classifySwept(unsubscribed, Optional.empty(), false),
                "entered the listing after the first pass");
        // adopted before (hash h1), its updated date did not move, its content did: UPDATED, once
        Optional<RecordedChange> adopted = Optional.of(new RecordedChange(old, ChangeType.UPDATED, "h1"));
        assertEquals(List.of(ChangeType.UPDATED), classifier.classifySwept(unsubscribed, adopted, false));
        assertEquals(List.of(ChangeType.UPDATED), classifier.classify(unsubscribed, adopted), "a poll reading it says the same");
        Optional<RecordedChange> recorded = Optional.of(new RecordedChange(old, ChangeType.UPDATED, "h2"));
        assertEquals(List.of(), classifier.classifySwept(unsubscribed, recorded, false), "the same content again: nothing");
        // a record deleted since it was adopted
        RecordChange deleted = new RecordChange("c1", old, Optional.of(old), true, Optional.empty()).withContentHash("h3");
        assertEquals(List.of(ChangeType.DELETED), classifier.classifySwept(deleted, recorded, true));
        // a record created after the baseline that the polls have not recorded yet: what a poll would say
        Instant fresh = BASELINE.plusSeconds(60);
        RecordChange created = new RecordChange("c2", fresh, Optional.of(fresh), false, Optional.empty()).withContentHash("h");
        assertEquals(List.of(ChangeType.CREATED), classifier.classifySwept(created, Optional.empty(), true));
    }
}
