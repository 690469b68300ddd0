package dev.changewire.sandbox.control;

import dev.changewire.sandbox.entity.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Gives a new account a few campaigns, lists and contacts (some of them list members, one unsubscribed). */
@ApplicationScoped
public class Seeder {

    @Inject
    Campaigns campaigns;

    @Inject
    Contacts contacts;

    @Inject
    ContactLists lists;

    public void seed(Account account) {
        account.atomically(() -> {
            campaigns.insert(account, "Welcome series", "Done");
            campaigns.insert(account, "Monthly newsletter", "Scheduled");
            campaigns.insert(account, "Spring sale", "Draft");
            StoredRecord customers = lists.insert(account, "Customers", "Everyone who bought something", true);
            StoredRecord newsletter = lists.insert(account, "Newsletter", "Monthly newsletter readers", false);
            contacts.insert(account, "Ada", "Lovelace", "ada@example.com", "explicit", List.of(customers.id(), newsletter.id()));
            contacts.insert(account, "Alan", "Turing", "alan@example.com", "implicit", List.of(customers.id()));
            contacts.insert(account, "Grace", "Hopper", "grace@example.com", "explicit", List.of(newsletter.id()));
            contacts.insert(account, "Edsger", "Dijkstra", "edsger@example.com", "implicit", List.of());
            contacts.insert(account, "Barbara", "Liskov", "barbara@example.com", "unsubscribed", List.of(newsletter.id()));
            return null;
        });
    }
}
