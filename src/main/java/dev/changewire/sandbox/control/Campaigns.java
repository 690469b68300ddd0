package dev.changewire.sandbox.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import static dev.changewire.sandbox.control.JsonBodies.optionalArray;
import static dev.changewire.sandbox.control.JsonBodies.optionalInt;
import static dev.changewire.sandbox.control.JsonBodies.optionalString;
import static dev.changewire.sandbox.control.JsonBodies.requiredString;

import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Function;

/**
 * Email campaigns ({@code /v3/emails}): listed newest {@code updated_at} first, deleted ones
 * included with {@code current_status} {@code Removed}.
 */
@ApplicationScoped
public class Campaigns {

    public static final Set<String> STATUSES = Set.of("Draft", "Scheduled", "Executing", "Done", "Error", "Removed");
    static final List<String> LIST_FIELDS = List.of("campaign_id", "created_at", "current_status", "name", "type", "type_code", "updated_at");
    static final int MAX_NAME = 80;

    public Listing.Page list(Account account, QueryParameters q, String after) {
        Instant afterDate = q.instant("after_date");
        Instant beforeDate = q.instant("before_date");
        int limit = q.limit();
        // [after_date, before_date): consecutive windows neither overlap nor leave a gap
        Predicate<StoredRecord> filter = r -> (afterDate == null || (r.updatedAt() != null && !r.updatedAt().isBefore(afterDate)))
                && (beforeDate == null || (r.updatedAt() != null && r.updatedAt().isBefore(beforeDate)));
        return Listing.UPDATED_DESC.page(account.listable(RecordKind.CAMPAIGNS), filter, after, limit);
    }

    public JsonObject listView(StoredRecord r) {
        return Records.pick(r.body(), LIST_FIELDS).build();
    }

    public StoredRecord get(Account account, String id) {
        return account.find(RecordKind.CAMPAIGNS, id)
                .orElseThrow(() -> ProviderError.notFound("No email campaign with campaign_id " + id));
    }

    public StoredRecord create(Account account, JsonObject body) {
        String name = requiredString(body, "", "name", MAX_NAME);
        JsonArray activities = optionalArray(body, "", "email_campaign_activities", 1);
        if (activities == null || activities.isEmpty()) {
            throw ProviderError.requiredField("email_campaign_activities");
        }
        if (!(activities.get(0) instanceof JsonObject activity)) {
            throw ProviderError.invalidField("The field 'email_campaign_activities[0]' must be an object");
        }
        String path = "email_campaign_activities[0].";
        Integer format = optionalInt(activity, path, "format_type");
        if (format != null && (format < 1 || format > 5)) {
            throw ProviderError.invalidField("The field '" + path + "format_type' must be 1 to 5");
        }
        requiredString(activity, path, "from_name", 100);
        email(requiredString(activity, path, "from_email", 80), path + "from_email");
        email(requiredString(activity, path, "reply_to_email", 80), path + "reply_to_email");
        requiredString(activity, path, "subject", 200);
        optionalString(activity, path, "html_content", JsonBodies.MAX_BODY);
        return insert(account, name, "Draft");
    }

    /** A new campaign without request validation (seeding and churn). */
    StoredRecord insert(Account account, String name, String status) {
        Instant now = account.clock().next();
        JsonObject record = JSON.createObjectBuilder()
                .add("campaign_id", Records.newId())
                .add("created_at", Records.time(now))
                .add("current_status", status)
                .add("name", name)
                .add("type", "NEWSLETTER")
                .add("type_code", 10)
                .add("updated_at", Records.time(now))
                .add("campaign_activities", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("campaign_activity_id", Records.newId()).add("role", "primary_email"))
                        .add(JSON.createObjectBuilder().add("campaign_activity_id", Records.newId()).add("role", "permalink")))
                .build();
        return account.store(RecordKind.CAMPAIGNS, StoredRecord.of(RecordKind.CAMPAIGNS, record));
    }

    public StoredRecord rename(Account account, String id, JsonObject body) {
        String name = requiredString(body, "", "name", MAX_NAME);
        return change(account, id, r -> Records.copy(r.body()).add("name", name).build());
    }

    StoredRecord changeStatus(Account account, String id, String status) {
        return change(account, id, r -> Records.copy(r.body()).add("current_status", status).build());
    }

    public void delete(Account account, String id) {
        changeStatus(account, id, "Removed");
    }

    private StoredRecord change(Account account, String id, Function<StoredRecord, JsonObject> edit) {
        return account.atomically(() -> {
            StoredRecord existing = get(account, id);
            if ("Removed".equals(existing.string("current_status"))) {
                throw ProviderError.notFound("Email campaign " + id + " has been removed");
            }
            JsonObject edited = edit.apply(existing);
            JsonObject record = Records.copy(edited)
                    .add("updated_at", Records.time(account.clock().nextAfter(existing.updatedAt()))).build();
            return account.store(RecordKind.CAMPAIGNS, StoredRecord.of(RecordKind.CAMPAIGNS, record));
        });
    }

    static void email(String address, String field) {
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ProviderError.invalidField("The field '" + field + "' must be an email address, not '" + address + "'");
        }
    }

    static boolean isRemoved(StoredRecord r) {
        JsonValue s = r.body().get("current_status");
        return s != null && "\"Removed\"".equals(s.toString());
    }
}
