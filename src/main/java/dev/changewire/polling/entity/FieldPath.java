package dev.changewire.polling.entity;

import dev.changewire.platform.control.Abbreviation;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * A dotted JSON path into a record, as Cloud Elements wrote {@code idField} and the date fields:
 * {@code id}, {@code data.id} or {@code $.data.id}. Only object members are followed (no array
 * indexes or bracket notation): the hub's records are flat or nested objects.
 */
public record FieldPath(String text, List<String> segments) {

    public static final int MAX_LENGTH = 200;

    public FieldPath {
        segments = List.copyOf(segments);
    }

    /** @throws IllegalArgumentException with a message that completes "{key} ..." */
    public static FieldPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        String path = text.strip();
        if (path.startsWith("$.")) {
            path = path.substring(2);
        }
        String[] parts = path.split("\\.", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("'" + Abbreviation.of(text) + "' is not a JSON path like id, data.id or $.data.id");
            }
        }
        return new FieldPath(text.strip(), List.of(parts));
    }

    /** The value at this path; empty when a member is missing, a step is not an object, or the value is JSON null. */
    public Optional<JsonValue> find(JsonObject record) {
        JsonValue current = record;
        for (String segment : segments) {
            if (current == null || current.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.empty();
            }
            current = current.asJsonObject().get(segment);
        }
        if (current == null || current.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        return Optional.of(current);
    }

    @Override
    public String toString() {
        return text;
    }
}
