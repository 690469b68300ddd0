package dev.changewire.sandbox.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One campaign, contact or list as Constant Contact would return it ({@code body}, immutable), with
 * its timestamps parsed for sorting and filtering. Every write replaces the whole record.
 */
public record StoredRecord(String id, JsonObject body, Instant createdAt, Instant updatedAt, Instant deletedAt) {

    public static StoredRecord of(RecordKind kind, JsonObject body) {
        return new StoredRecord(body.getString(kind.idField()), body,
                instant(body, "created_at"), instant(body, "updated_at"), instant(body, "deleted_at"));
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public String string(String field) {
        JsonValue value = body.get(field);
        return value instanceof JsonString s ? s.getString() : null;
    }

    static Instant instant(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value instanceof JsonString s) {
            return parseInstant(s.getString());
        }
        return null;
    }

    /** ISO-8601 with an offset ({@code 2026-11-27T13:00:00.123Z}, {@code ...+01:00}); null when absent or unparseable. */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
