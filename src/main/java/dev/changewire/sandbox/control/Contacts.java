package dev.changewire.sandbox.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import static dev.changewire.sandbox.control.JsonBodies.optionalArray;
import static dev.changewire.sandbox.control.JsonBodies.optionalObject;
import static dev.changewire.sandbox.control.JsonBodies.optionalString;
import static dev.changewire.sandbox.control.JsonBodies.requiredString;

import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.TreeSet;

/**
 * Contacts ({@code /v3/contacts}): listed in creation order ({@code created_at} ascending, then
 * {@code contact_id}); deleted ones only with {@code status=all|deleted}. As in Constant Contact,
 * the sub-resources ({@code list_memberships}, {@code taggings}, {@code custom_fields}, ...) are
 * returned only when named in {@code include}.
 */
@ApplicationScoped
public class Contacts {

    public static final Set<String> STATUSES = Set.of("all", "active", "deleted", "not_set", "pending_confirmation", "temp_hold", "unsubscribed");
    public static final Set<String> PERMISSIONS = Set.of("implicit", "explicit", "not_set", "pending_confirmation", "temp_hold", "unsubscribed");
    public static final Set<String> INCLUDES = Set.of("custom_fields", "list_memberships", "taggings", "notes", "phone_numbers", "street_addresses");
    static final Set<String> SOURCES = Set.of("Account", "Contact");
    static final List<String> BASE_FIELDS = List.of("contact_id", "email_address", "first_name", "last_name", "job_title", "company_name",
            "birthday_month", "birthday_day", "anniversary", "create_source", "update_source", "created_at", "updated_at", "deleted_at");
    static final int MAX_LISTS_FILTER = 25;
    static final int MAX_MEMBERSHIPS = 50;

    public Listing.Page list(Account account, QueryParameters q, String after) {
        Set<String> statuses = q.choices("status", STATUSES, STATUSES.size());
        String email = q.string("email");
        Set<String> lists = q.choices("lists", null, MAX_LISTS_FILTER);
        Instant updatedAfter = q.instant("updated_after");
        Instant updatedBefore = q.instant("updated_before");
        Instant createdAfter = q.instant("created_after");
        Instant createdBefore = q.instant("created_before");
        includes(q);
        int limit = q.limit();
        Predicate<StoredRecord> filter = r -> statusMatches(r, statuses)
                && (email == null || email.equalsIgnoreCase(address(r)))
                && (lists.isEmpty() || memberships(r).stream().anyMatch(lists::contains))
                && within(r.updatedAt(), updatedAfter, updatedBefore)
                && within(r.createdAt(), createdAfter, createdBefore);
        return Listing.CREATED_ASC.page(account.listable(RecordKind.CONTACTS), filter, after, limit);
    }

    /** The parsed {@code include} parameter. */
    public Set<String> includes(QueryParameters q) {
        return q.choices("include", INCLUDES, INCLUDES.size());
    }

    public JsonObject view(StoredRecord r, Set<String> include) {
        JsonObjectBuilder b = Records.pick(r.body(), BASE_FIELDS);
        for (String sub : include) {
            JsonValue v = r.body().get(sub);
            b.add(sub, v == null ? JsonValue.EMPTY_JSON_ARRAY : v);
        }
        return b.build();
    }

    public StoredRecord get(Account account, String id) {
        return account.find(RecordKind.CONTACTS, id).orElseThrow(() -> ProviderError.notFound("No contact with contact_id " + id));
    }

    public StoredRecord create(Account account, JsonObject body) {
        String source = requiredString(body, "", "create_source", 10);
        if (!SOURCES.contains(source)) {
            throw ProviderError.invalidField("The field 'create_source' must be Account or Contact, not '" + source + "'");
        }
        Fields fields = fields(body);
        return account.atomically(() -> {
            requireUniqueEmail(account, fields.address(), null);
            List<String> memberships = existingLists(account, fields.memberships());
            Instant now = account.clock().next();
            JsonObjectBuilder record = fields.record(Records.newId(), source, source, now, now, memberships,
                    emailAddress(fields, source, now, now));
            return account.store(RecordKind.CONTACTS, StoredRecord.of(RecordKind.CONTACTS, record.build()));
        });
    }

    /** PUT: replaces the contact's fields (those left out are cleared, as Constant Contact does). */
    public StoredRecord replace(Account account, String id, JsonObject body) {
        String source = requiredString(body, "", "update_source", 10);
        if (!SOURCES.contains(source)) {
            throw ProviderError.invalidField("The field 'update_source' must be Account or Contact, not '" + source + "'");
        }
        Fields fields = fields(body);
        return account.atomically(() -> {
            StoredRecord existing = liveContact(account, id);
            requireUniqueEmail(account, fields.address(), id);
            List<String> memberships = existingLists(account, fields.memberships());
            Instant now = account.clock().nextAfter(existing.updatedAt());
            JsonObject previousEmail = existing.body().getJsonObject("email_address");
            Instant emailCreated = previousEmail == null ? existing.createdAt()
                    : StoredRecord.parseInstant(previousEmail.getString("created_at", Records.time(existing.createdAt())));
            boolean emailChanged = previousEmail == null || !fields.address().equalsIgnoreCase(previousEmail.getString("address", ""))
                    || !fields.permission().equals(previousEmail.getString("permission_to_send", ""));
            Instant emailUpdated = emailChanged ? now
                    : StoredRecord.parseInstant(previousEmail.getString("updated_at", Records.time(now)));
            JsonObjectBuilder record = fields.record(id, existing.string("create_source"), source,
                    existing.createdAt(), now, memberships, emailAddress(fields, existing.string("create_source"),
                            emailCreated == null ? now : emailCreated, emailUpdated == null ? now : emailUpdated));
            return account.store(RecordKind.CONTACTS, StoredRecord.of(RecordKind.CONTACTS, record.build()));
        });
    }

    public void delete(Account account, String id) {
        account.atomically(() -> {
            StoredRecord existing = liveContact(account, id);
            Instant now = account.clock().nextAfter(existing.updatedAt());
            JsonObject record = Records.copy(existing.body()).add("deleted_at", Records.time(now)).add("updated_at", Records.time(now)).build();
            return account.store(RecordKind.CONTACTS, StoredRecord.of(RecordKind.CONTACTS, record));
        });
    }

    /**
     * The contact unsubscribes: its email address's {@code permission_to_send} becomes
     * {@code unsubscribed}, with {@code opt_out_source}, {@code opt_out_date} and the address's own
     * {@code updated_at}, while the contact's {@code updated_at} stays where it was. Constant Contact's
     * staff report this, and it is why {@code updated_after} never lists an unsubscribe. A contact
     * unsubscribed already is answered as it is.
     */
    public StoredRecord unsubscribe(Account account, String id) {
        return account.atomically(() -> {
            StoredRecord existing = liveContact(account, id);
            if ("unsubscribed".equals(permission(existing))) {
                return existing;
            }
            String now = Records.time(account.clock().next());
            JsonValue email = existing.body().get("email_address");
            JsonObjectBuilder address = email instanceof JsonObject o ? Records.copy(o) : JSON.createObjectBuilder();
            address.add("permission_to_send", "unsubscribed").add("opt_out_source", "Contact").add("opt_out_date", now)
                    .add("updated_at", now);
            JsonObject record = Records.copy(existing.body()).add("email_address", address).build();
            return account.store(RecordKind.CONTACTS, StoredRecord.of(RecordKind.CONTACTS, record));
        });
    }

    /** Replaces a contact's memberships (used when a list is deleted, and by the churn). Caller holds the account. */
    StoredRecord withMemberships(Account account, StoredRecord contact, List<String> memberships) {
        Instant now = account.clock().nextAfter(contact.updatedAt());
        JsonArrayBuilder lists = JSON.createArrayBuilder();
        memberships.forEach(lists::add);
        JsonObject record = Records.copy(contact.body()).add("list_memberships", lists).add("updated_at", Records.time(now)).build();
        return account.store(RecordKind.CONTACTS, StoredRecord.of(RecordKind.CONTACTS, record));
    }

    /** A new contact without request validation (seeding and churn). Caller holds the account. */
    StoredRecord insert(Account account, String first, String last, String address, String permission, List<String> memberships) {
        Instant now = account.clock().next();
        Fields fields = new Fields(address, permission, first, last, null, null, memberships, null, null, null, null);
        JsonObjectBuilder record = fields.record(Records.newId(), "Account", "Account", now, now, memberships,
                emailAddress(fields, "Account", now, now));
        return account.store(RecordKind.CONTACTS, StoredRecord.of(RecordKind.CONTACTS, record.build()));
    }

    StoredRecord rename(Account account, StoredRecord contact, String firstName) {
        Instant now = account.clock().nextAfter(contact.updatedAt());
        JsonObject record = Records.copy(contact.body()).add("first_name", firstName).add("update_source", "Account")
                .add("updated_at", Records.time(now)).build();
        return account.store(RecordKind.CONTACTS, StoredRecord.of(RecordKind.CONTACTS, record));
    }

    static String address(StoredRecord r) {
        JsonValue e = r.body().get("email_address");
        if (e instanceof JsonObject o && o.get("address") instanceof JsonString s) {
            return s.getString();
        }
        return null;
    }

    static String permission(StoredRecord r) {
        JsonValue e = r.body().get("email_address");
        if (e instanceof JsonObject o && o.get("permission_to_send") instanceof JsonString s) {
            return s.getString();
        }
        return "not_set";
    }

    /** Constant Contact's contact status: deleted, or the email's permission with implicit and explicit both meaning active. */
    static String status(StoredRecord r) {
        if (r.deleted()) {
            return "deleted";
        }
        String p = permission(r);
        return p.equals("implicit") || p.equals("explicit") ? "active" : p;
    }

    static boolean statusMatches(StoredRecord r, Set<String> statuses) {
        if (statuses.contains("all")) {
            return true;
        }
        if (statuses.isEmpty()) {
            return !r.deleted();
        }
        return statuses.contains(status(r));
    }

    static List<String> memberships(StoredRecord r) {
        JsonValue v = r.body().get("list_memberships");
        if (v instanceof JsonArray a) {
            return a.stream().filter(JsonString.class::isInstance).map(s -> ((JsonString) s).getString()).toList();
        }
        return List.of();
    }

    static boolean within(Instant t, Instant after, Instant before) {
        // [after, before): consecutive windows neither overlap nor leave a gap
        return (after == null || (t != null && !t.isBefore(after))) && (before == null || (t != null && t.isBefore(before)));
    }

    private StoredRecord liveContact(Account account, String id) {
        StoredRecord existing = get(account, id);
        if (existing.deleted()) {
            throw ProviderError.notFound("Contact " + id + " has been deleted");
        }
        return existing;
    }

    private static void requireUniqueEmail(Account account, String address, String exceptId) {
        for (StoredRecord r : account.all(RecordKind.CONTACTS)) {
            if (!r.deleted() && !r.id().equals(exceptId) && address.equalsIgnoreCase(address(r))) {
                throw ProviderError.conflict("A contact with email address " + address + " already exists: " + r.id());
            }
        }
    }

    private static List<String> existingLists(Account account, List<String> ids) {
        for (String id : ids) {
            var list = account.find(RecordKind.LISTS, id);
            if (list.isEmpty() || list.get().deleted()) {
                throw ProviderError.invalidField("The field 'list_memberships' names list " + id + ", which does not exist");
            }
        }
        return ids;
    }

    private static JsonObject emailAddress(Fields f, String source, Instant created, Instant updated) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("address", f.address())
                .add("permission_to_send", f.permission())
                .add("created_at", Records.time(created))
                .add("updated_at", Records.time(updated))
                .add("opt_in_source", source.equals("Contact") ? "Contact" : "Account");
        if (f.permission().equals("explicit")) {
            b.add("opt_in_date", Records.time(updated));
        }
        return b.build();
    }

    private static Fields fields(JsonObject body) {
        JsonObject email = optionalObject(body, "", "email_address");
        if (email == null) {
            throw ProviderError.requiredField("email_address");
        }
        String address = requiredString(email, "email_address.", "address", 80).trim();
        Campaigns.email(address, "email_address.address");
        String permission = optionalString(email, "email_address.", "permission_to_send", 30);
        if (permission == null) {
            permission = "implicit";
        } else if (!PERMISSIONS.contains(permission)) {
            throw ProviderError.invalidField("The field 'email_address.permission_to_send' must be one of " + new TreeSet<>(PERMISSIONS));
        }
        JsonArray lists = optionalArray(body, "", "list_memberships", MAX_MEMBERSHIPS);
        Set<String> memberships = new LinkedHashSet<>();
        if (lists != null) {
            for (int i = 0; i < lists.size(); i++) {
                if (!(lists.get(i) instanceof JsonString s) || s.getString().isBlank()) {
                    throw ProviderError.invalidField("The field 'list_memberships[" + i + "]' must be a list_id string");
                }
                memberships.add(s.getString());
            }
        }
        JsonArray taggings = optionalArray(body, "", "taggings", 50);
        if (taggings != null && taggings.stream().anyMatch(t -> !(t instanceof JsonString))) {
            throw ProviderError.invalidField("The field 'taggings' must be an array of tag_id strings");
        }
        JsonArray customFields = objects(body, "custom_fields", 25);
        JsonArray phones = objects(body, "phone_numbers", 3);
        JsonArray streets = objects(body, "street_addresses", 3);
        return new Fields(address, permission,
                optionalString(body, "", "first_name", 50), optionalString(body, "", "last_name", 50),
                optionalString(body, "", "job_title", 50), optionalString(body, "", "company_name", 50),
                List.copyOf(memberships), taggings, customFields, phones, streets);
    }

    private static JsonArray objects(JsonObject body, String field, int max) {
        JsonArray array = optionalArray(body, "", field, max);
        if (array != null && array.stream().anyMatch(v -> !(v instanceof JsonObject))) {
            throw ProviderError.invalidField("The field '" + field + "' must be an array of objects");
        }
        return array;
    }

    record Fields(String address, String permission, String firstName, String lastName, String jobTitle, String companyName,
            List<String> memberships, JsonArray taggings, JsonArray customFields, JsonArray phoneNumbers, JsonArray streetAddresses) {

        JsonObjectBuilder record(String id, String createSource, String updateSource, Instant created, Instant updated,
                List<String> lists, JsonObject emailAddress) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("contact_id", id).add("email_address", emailAddress);
            if (firstName != null) {
                b.add("first_name", firstName);
            }
            if (lastName != null) {
                b.add("last_name", lastName);
            }
            if (jobTitle != null) {
                b.add("job_title", jobTitle);
            }
            if (companyName != null) {
                b.add("company_name", companyName);
            }
            JsonArrayBuilder memberships = JSON.createArrayBuilder();
            lists.forEach(memberships::add);
            return b.add("create_source", createSource)
                    .add("update_source", updateSource)
                    .add("created_at", Records.time(created))
                    .add("updated_at", Records.time(updated))
                    .add("list_memberships", memberships)
                    .add("taggings", taggings == null ? JsonValue.EMPTY_JSON_ARRAY : taggings)
                    .add("custom_fields", customFields == null ? JsonValue.EMPTY_JSON_ARRAY : customFields)
                    .add("phone_numbers", phoneNumbers == null ? JsonValue.EMPTY_JSON_ARRAY : phoneNumbers)
                    .add("street_addresses", streetAddresses == null ? JsonValue.EMPTY_JSON_ARRAY : streetAddresses)
                    .add("notes", JsonValue.EMPTY_JSON_ARRAY);
        }
    }
}
