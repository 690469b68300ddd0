package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.changewire.events.entity.ChangeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
        assertEquals(Optional.ofNullable(expected), classifier.classify(change, previous));
    }

    @Test
    void rereadingTheSameRecordEmitsOnceAndASecondUpdateIsANewEvent() {
        ChangeClassifier classifier = new ChangeClassifier(Duration.ofSeconds(1), BASELINE);
        RecordChange first = new RecordChange("c1", Instant.parse("2026-11-27T13:00:00Z"),
                instant("2026-11-27T13:00:00Z"), false, Optional.empty());
        assertEquals(Optional.of(ChangeType.CREATED), classifier.classify(first, Optional.empty()));
        Optional<RecordedChange> recorded = Optional.of(new RecordedChange(first.changedAt(), ChangeType.CREATED));
        for (int poll = 0; poll < 10; poll++) {
            assertEquals(Optional.empty(), classifier.classify(first, recorded));
        }
        RecordChange second = new RecordChange("c1", Instant.parse("2026-11-27T13:00:00.500Z"),
                instant("2026-11-27T13:00:00Z"), false, Optional.empty());
        assertEquals(Optional.of(ChangeType.UPDATED), classifier.classify(second, recorded),
                "an update within the tolerance of a record already seen is not CREATED twice");
    }

    @Test
    void negativeToleranceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChangeClassifier(Duration.ofSeconds(-1), BASELINE));
    }
}
