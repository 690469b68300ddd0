package dev.changewire.elements.constantcontact.control;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * A normalized marketing record, and what could not be normalized in it (e.g. "updated_at: not a
 * date: 'yesterday'"): the record is still usable, the field derived from the bad value is left out,
 * and the caller counts or logs the problems.
 */
public record NormalizedRecord(JsonObject record, List<String> problems) {

    public NormalizedRecord {
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
