package dev.changewire.sandbox.control;

import jakarta.enterprise.context.ApplicationScoped;

/** Gives a new account a few campaigns, lists and contacts (some of them list members). */
@ApplicationScoped
public class Seeder {

    public void seed(Account account) {
        // filled in with the record operations
    }
}
