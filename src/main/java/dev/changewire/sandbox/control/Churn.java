package dev.changewire.sandbox.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Locale;

/** Random creates, updates and deletes in an account, so a demo shows events flowing. */
@ApplicationScoped
public class Churn {

    static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Frances", "Ken", "Radia", "Niklaus"};
    static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Allen", "Thompson", "Perlman", "Wirth"};
    static final String[] TOPICS = {"Autumn offers", "Product update", "Webinar invitation", "Customer survey", "Holiday hours", "New arrivals"};

    @Inject
    Campaigns campaigns;

    @Inject
    Contacts contacts;

    @Inject
    ContactLists lists;

    /** One random change; returns what it did, e.g. {@code "contacts updated <id>"}. */
    public String round(Account account) {
        Random random = ThreadLocalRandom.current();
        return account.atomically(() -> {
            try {
                return change(account, random);
            } catch (ProviderError e) {
                // e.g. the account is full: the churn skips the round rather than failing the timer
                return "skipped: " + e.getMessage();
            }
        });
    }

    private String change(Account account, Random random) {
        int dice = random.nextInt(100);
        List<StoredRecord> liveCampaigns = live(account.all(RecordKind.CAMPAIGNS), true);
        List<StoredRecord> liveContacts = live(account.all(RecordKind.CONTACTS), false);
        List<StoredRecord> liveLists = live(account.all(RecordKind.LISTS), false);
        String suffix = Integer.toString(random.nextInt(1_000_000));
        if (dice < 15 || (dice < 30 && liveCampaigns.isEmpty())) {
            return "emails created " + campaigns.insert(account, TOPICS[random.nextInt(TOPICS.length)] + " " + suffix, "Draft").id();
        }
        if (dice < 25) {
            StoredRecord c = pick(liveCampaigns, random);
            String status = switch (c.string("current_status") == null ? "Draft" : c.string("current_status")) {
                case "Draft" -> "Scheduled";
                case "Scheduled" -> "Executing";
                case "Executing" -> "Done";
                default -> null;
            };
            return status == null ? "emails updated " + campaigns.rename(account, c.id(), JSON.createObjectBuilder()
                    .add("name", TOPICS[random.nextInt(TOPICS.length)] + " " + suffix).build()).id()
                    : "emails updated " + campaigns.changeStatus(account, c.id(), status).id();
        }
        if (dice < 30) {
            StoredRecord c = pick(liveCampaigns, random);
            campaigns.delete(account, c.id());
            return "emails deleted " + c.id();
        }
        if (dice < 55 || liveContacts.isEmpty()) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            List<String> memberships = liveLists.isEmpty() || random.nextBoolean() ? List.of() : List.of(pick(liveLists, random).id());
            return "contacts created " + contacts.insert(account, first, last,
                    (first + "." + last + "." + suffix + "@example.com").toLowerCase(Locale.ROOT), "implicit", memberships).id();
        }
        if (dice < 66) {
            StoredRecord c = pick(liveContacts, random);
            return "contacts updated " + contacts.rename(account, c, FIRST[random.nextInt(FIRST.length)]).id();
        }
        if (dice < 70) {
            // an unsubscribe leaves the contact's updated_at where it was: only a sweep finds it
            StoredRecord c = pick(liveContacts, random);
            return "contacts unsubscribed " + contacts.unsubscribe(account, c.id()).id();
        }
        if (dice < 78 && !liveLists.isEmpty()) {
            StoredRecord c = pick(liveContacts, random);
            List<String> memberships = new ArrayList<>(Contacts.memberships(c));
            String listId = pick(liveLists, random).id();
            if (!memberships.remove(listId)) {
                memberships.add(listId);
            }
            return "contacts updated " + contacts.withMemberships(account, c, memberships).id();
        }
        if (dice < 85) {
            StoredRecord c = pick(liveContacts, random);
            contacts.delete(account, c.id());
            return "contacts deleted " + c.id();
        }
        if (dice < 93 || liveLists.size() < 2) {
            if (liveLists.isEmpty() || random.nextBoolean()) {
                return "contact_lists created " + lists.insert(account, "List " + suffix, null, false).id();
            }
            StoredRecord l = pick(liveLists, random);
            return "contact_lists updated " + lists.replace(account, l.id(), JSON.createObjectBuilder()
                    .add("name", "List " + suffix).add("favorite", random.nextBoolean()).build()).id();
        }
        StoredRecord l = pick(liveLists, random);
        lists.delete(account, l.id());
        return "contact_lists deleted " + l.id();
    }

    private static List<StoredRecord> live(List<StoredRecord> records, boolean campaigns) {
        return records.stream().filter(r -> campaigns ? !Campaigns.isRemoved(r) : !r.deleted()).toList();
    }

    private static StoredRecord pick(List<StoredRecord> records, Random random) {
        return records.get(random.nextInt(records.size()));
    }
}
