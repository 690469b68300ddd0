package dev.changewire.sandbox.control;

import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.TreeSet;

/**
 * Test control: writes a record exactly as given, timestamps included, so a test can imitate a
 * provider whose index lags (a record whose {@code updated_at} is already in the past when it appears).
 */
@ApplicationScoped
public class RecordWriter {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public StoredRecord write(Account account, RecordKind kind, String id, JsonObject body) {
        if (!ID.matcher(id).matches()) {
            throw ProviderError.invalidParameter("The id must be 1 to 64 letters, digits or '-' (Constant Contact uses UUIDs)");
        }
        JsonValue given = body.get(kind.idField());
        if (given != null && !(given instanceof JsonString s && s.getString().equals(id))) {
            throw ProviderError.invalidField("The field '" + kind.idField() + "' must be absent or equal the id in the path");
        }
        if (kind == RecordKind.CAMPAIGNS) {
            String status = JsonBodies.optionalString(body, "", "current_status", 20);
            if (status != null && !Campaigns.STATUSES.contains(status)) {
                throw ProviderError.invalidField("The field 'current_status' must be one of " + new TreeSet<>(Campaigns.STATUSES));
            }
        }
        if (kind == RecordKind.CONTACTS) {
            JsonObject email = JsonBodies.optionalObject(body, "", "email_address");
            if (email != null) {
                JsonBodies.optionalString(email, "email_address.", "address", 80);
                String permission = JsonBodies.optionalString(email, "email_address.", "permission_to_send", 30);
                if (permission != null && !Contacts.PERMISSIONS.contains(permission)) {
                    throw ProviderError.invalidField("The field 'email_address.permission_to_send' must be one of " + new TreeSet<>(Contacts.PERMISSIONS));
                }
            }
        }
        return account.atomically(() -> {
            var existing = account.find(kind, id);
            Instant created = timestamp(body, "created_at");
            Instant updated = timestamp(body, "updated_at");
            Instant deleted = timestamp(body, "deleted_at");
            Instant now = account.clock().next();
            JsonObjectBuilder record = Records.copy(body).add(kind.idField(), id)
                    .add("created_at", Records.time(created != null ? created : existing.map(StoredRecord::createdAt).orElse(now)))
                    .add("updated_at", Records.time(updated != null ? updated : now));
            if (deleted != null) {
                record.add("deleted_at", Records.time(deleted));
            } else {
                record.remove("deleted_at");
            }
            if (kind == RecordKind.CAMPAIGNS && !body.containsKey("current_status")) {
                record.add("current_status", "Draft");
            }
            return account.store(kind, StoredRecord.of(kind, record.build()));
        });
    }

    private static Instant timestamp(JsonObject body, String field) {
        String text = JsonBodies.optionalString(body, "", field, 64);
        if (text == null) {
            return null;
        }
        Instant instant = StoredRecord.parseInstant(text);
        if (instant == null) {
            throw ProviderError.invalidField("The field '" + field + "' must be an ISO-8601 date-time with offset, e.g. 2026-11-27T13:00:00.123Z");
        }
        return instant;
    }
}
