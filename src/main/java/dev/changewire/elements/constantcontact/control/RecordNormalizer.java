package dev.changewire.elements.constantcontact.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.hubs.control.DateLiteral;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps Constant Contact V3 records to the marketing hub's normalized records, the V2-era Cloud
 * Elements shape: every Constant Contact field is kept as it came, and these are added (replacing any
 * field of the same name):
 * <ul>
 * <li>{@code id}: {@code campaign_id} / {@code contact_id} / {@code list_id};</li>
 * <li>{@code created_date}: {@code created_at}; {@code modified_date}: {@code updated_at};</li>
 * <li>{@code deleted_date}: contacts and lists {@code deleted_at}; campaigns {@code updated_at} when
 *     {@code current_status} is {@code Removed} (Constant Contact keeps no deletion time for them);</li>
 * <li>{@code status}: campaigns {@code current_status}; contacts {@code deleted} when
 *     {@code deleted_at} is set, else {@code email_address.permission_to_send}, else {@code active};
 *     lists {@code deleted} when {@code deleted_at} is set, else {@code active}.</li>
 * </ul>
 * Dates are written as ISO-8601 UTC ({@link Instant#toString()}, milliseconds kept). A missing or
 * unparseable date leaves its normalized field out and is reported in {@link NormalizedRecord#problems()}.
 */
public final class RecordNormalizer {

    public static final String ID = "id";
    public static final String CREATED_DATE = "created_date";
    public static final String MODIFIED_DATE = "modified_date";
    public static final String DELETED_DATE = "deleted_date";
    public static final String STATUS = "status";
    public static final String DELETED = "deleted";
    public static final String ACTIVE = "active";
    public static final String REMOVED = "Removed";

    private RecordNormalizer() {
    }

    public static NormalizedRecord normalize(ConstantContactResource resource, JsonObject source) {
        return switch (resource) {
            case CAMPAIGNS -> campaign(source);
            case CONTACTS -> contact(source);
            case LISTS -> list(source);
        };
    }

    public static NormalizedRecord campaign(JsonObject source) {
        Draft draft = new Draft(source, ConstantContactResource.CAMPAIGNS);
        Optional<String> status = draft.text("current_status");
        Optional<Instant> updated = draft.date("updated_at", MODIFIED_DATE, true);
        status.ifPresent(s -> draft.builder.add(STATUS, s));
        if (status.isPresent() && status.get().equalsIgnoreCase(REMOVED)) {
            updated.ifPresent(u -> draft.builder.add(DELETED_DATE, DateLiteral.format(u)));
        }
        return draft.build();
    }

    public static NormalizedRecord contact(JsonObject source) {
        Draft draft = new Draft(source, ConstantContactResource.CONTACTS);
        draft.date("updated_at", MODIFIED_DATE, true);
        boolean deleted = draft.date("deleted_at", DELETED_DATE, false).isPresent() || draft.isSet("deleted_at");
        String status = ACTIVE;
        if (deleted) {
            status = DELETED;
        } else if (source.get("email_address") instanceof JsonObject email
                && email.get("permission_to_send") instanceof JsonString permission
                && !permission.getString().isBlank()) {
            status = permission.getString();
        }
        draft.builder.add(STATUS, status);
        return draft.build();
    }

    public static NormalizedRecord list(JsonObject source) {
        Draft draft = new Draft(source, ConstantContactResource.LISTS);
        draft.date("updated_at", MODIFIED_DATE, true);
        boolean deleted = draft.date("deleted_at", DELETED_DATE, false).isPresent() || draft.isSet("deleted_at");
        draft.builder.add(STATUS, deleted ? DELETED : ACTIVE);
        return draft.build();
    }

    /** A record being normalized: the copy of the source with the common fields added, and the problems. */
    private static final class Draft {
        final JsonObject source;
        final JsonObjectBuilder builder;
        final List<String> problems = new ArrayList<>();

        Draft(JsonObject source, ConstantContactResource resource) {
            this.source = source;
            this.builder = JSON.createObjectBuilder(source);
            JsonValue id = source.get(resource.idField());
            if (id instanceof JsonString string && !string.getString().isBlank()) {
                builder.add(ID, string.getString());
            } else if (id instanceof JsonNumber number) {
                builder.add(ID, number.toString());
            } else {
                problems.add(resource.idField() + ": missing");
            }
            date("created_at", CREATED_DATE, true);
        }

        Optional<String> text(String field) {
            return source.get(field) instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
        }

        boolean isSet(String field) {
            JsonValue value = source.get(field);
            return value != null && value.getValueType() != JsonValue.ValueType.NULL
                    && !(value instanceof JsonString string && string.getString().isBlank());
        }

        /** Adds {@code target} from the date in {@code field}; a missing date is a problem only when {@code required}. */
        Optional<Instant> date(String field, String target, boolean required) {
            if (!isSet(field)) {
                if (required) {
                    problems.add(field + ": missing");
                }
                return Optional.empty();
            }
            JsonValue value = source.get(field);
            Optional<Instant> date = value instanceof JsonString string ? DateLiteral.parse(string.getString()) : Optional.empty();
            if (date.isEmpty()) {
                problems.add(field + ": not a date: " + abbreviate(value.toString()));
                return Optional.empty();
            }
            builder.add(target, DateLiteral.format(date.get()));
            return date;
        }

        NormalizedRecord build() {
            return new NormalizedRecord(builder.build(), problems);
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 60) + "...";
        }
    }
}
