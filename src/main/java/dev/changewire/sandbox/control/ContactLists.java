package dev.changewire.sandbox.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import static dev.changewire.sandbox.control.JsonBodies.optionalBoolean;
import static dev.changewire.sandbox.control.JsonBodies.optionalString;
import static dev.changewire.sandbox.control.JsonBodies.requiredString;

import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Contact lists ({@code /v3/contact_lists}): listed in creation order ({@code created_at}
 * ascending, then {@code list_id}); deleted ones only with {@code status=all|deleted}. No filter on
 * update dates, as in Constant Contact.
 */
@ApplicationScoped
public class ContactLists {

    public static final Set<String> STATUSES = Set.of("all", "active", "deleted");
    static final Set<String> MEMBERSHIP_COUNTS = Set.of("all", "active");
    static final List<String> FIELDS = List.of("list_id", "name", "description", "favorite", "created_at", "updated_at", "deleted_at");
    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 1000;

    @Inject
    Contacts contacts;

    public Listing.Page list(Account account, QueryParameters q, String after) {
        String status = q.choice("status", STATUSES);
        String name = q.string("name");
        membershipCount(q);
        int limit = q.limit();
        Predicate<StoredRecord> filter = r -> statusMatches(r, status == null ? "active" : status)
                && (name == null || name.equalsIgnoreCase(r.string("name")));
        return Listing.CREATED_ASC.page(account.listable(RecordKind.LISTS), filter, after, limit);
    }

    /** The parsed {@code include_membership_count} parameter: null, all or active. */
    public String membershipCount(QueryParameters q) {
        return q.choice("include_membership_count", MEMBERSHIP_COUNTS);
    }

    /** The list as Constant Contact shows it; with {@code membershipCount} (all|active) counting its live contacts. Caller passes the account's contacts. */
    public JsonObject view(StoredRecord r, String membershipCount, List<StoredRecord> allContacts) {
        JsonObjectBuilder b = Records.pick(r.body(), FIELDS);
        if (membershipCount != null) {
            long count = allContacts.stream()
                    .filter(c -> !c.deleted() && Contacts.memberships(c).contains(r.id()))
                    .filter(c -> membershipCount.equals("all") || Contacts.status(c).equals("active"))
                    .count();
            b.add("membership_count", count);
        }
        return b.build();
    }

    public StoredRecord get(Account account, String id) {
        return account.find(RecordKind.LISTS, id).orElseThrow(() -> ProviderError.notFound("No contact list with list_id " + id));
    }

    public StoredRecord create(Account account, JsonObject body) {
        String name = requiredString(body, "", "name", MAX_NAME).trim();
        Boolean favorite = optionalBoolean(body, "", "favorite");
        String description = optionalString(body, "", "description", MAX_DESCRIPTION);
        return account.atomically(() -> {
            requireUniqueName(account, name, null);
            return insert(account, name, description, favorite != null && favorite);
        });
    }

    /** A new list without request validation (seeding and churn). */
    StoredRecord insert(Account account, String name, String description, boolean favorite) {
        Instant now = account.clock().next();
        JsonObjectBuilder b = JSON.createObjectBuilder().add("list_id", Records.newId()).add("name", name);
        if (description != null) {
            b.add("description", description);
        }
        b.add("favorite", favorite).add("created_at", Records.time(now)).add("updated_at", Records.time(now));
        return account.store(RecordKind.LISTS, StoredRecord.of(RecordKind.LISTS, b.build()));
    }

    public StoredRecord replace(Account account, String id, JsonObject body) {
        String name = requiredString(body, "", "name", MAX_NAME).trim();
        Boolean favorite = optionalBoolean(body, "", "favorite");
        String description = optionalString(body, "", "description", MAX_DESCRIPTION);
        return account.atomically(() -> {
            StoredRecord existing = liveList(account, id);
            requireUniqueName(account, name, id);
            Instant now = account.clock().nextAfter(existing.updatedAt());
            JsonObjectBuilder b = JSON.createObjectBuilder().add("list_id", id).add("name", name);
            if (description != null) {
                b.add("description", description);
            }
            b.add("favorite", favorite != null && favorite)
                    .add("created_at", Records.time(existing.createdAt()))
                    .add("updated_at", Records.time(now));
            return account.store(RecordKind.LISTS, StoredRecord.of(RecordKind.LISTS, b.build()));
        });
    }

    /** Marks the list deleted and takes its members out of it, as Constant Contact's delete activity does. */
    public StoredRecord delete(Account account, String id) {
        return account.atomically(() -> {
            StoredRecord existing = liveList(account, id);
            Instant now = account.clock().nextAfter(existing.updatedAt());
            JsonObject record = Records.copy(existing.body()).add("deleted_at", Records.time(now)).add("updated_at", Records.time(now)).build();
            StoredRecord deleted = account.store(RecordKind.LISTS, StoredRecord.of(RecordKind.LISTS, record));
            for (StoredRecord contact : account.all(RecordKind.CONTACTS)) {
                List<String> memberships = Contacts.memberships(contact);
                if (memberships.contains(id)) {
                    List<String> remaining = new ArrayList<>(memberships);
                    remaining.remove(id);
                    contacts.withMemberships(account, contact, remaining);
                }
            }
            return deleted;
        });
    }

    static boolean statusMatches(StoredRecord r, String status) {
        return switch (status) {
            case "all" -> true;
            case "deleted" -> r.deleted();
            default -> !r.deleted();
        };
    }

    private StoredRecord liveList(Account account, String id) {
        StoredRecord existing = get(account, id);
        if (existing.deleted()) {
            throw ProviderError.notFound("Contact list " + id + " has been deleted");
        }
        return existing;
    }

    private static void requireUniqueName(Account account, String name, String exceptId) {
        for (StoredRecord r : account.all(RecordKind.LISTS)) {
            if (!r.deleted() && !r.id().equals(exceptId) && name.equalsIgnoreCase(r.string("name"))) {
                throw ProviderError.conflict("A contact list named '" + name + "' already exists: " + r.id());
            }
        }
    }
}
