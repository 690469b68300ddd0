package dev.changewire.sandbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sandbox's Constant Contact accounts, created (and seeded) on first use, at most {@code changewire.sandbox.max-accounts}. */
@ApplicationScoped
public class SandboxAccounts {

    public static final String DEFAULT_ACCOUNT = "demo";

    @Inject
    SandboxSettings settings;

    @Inject
    SandboxClock clock;

    @Inject
    Seeder seeder;

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    /** The named account, created and seeded if it does not exist yet. */
    public Account account(String name) {
        Account existing = accounts.get(name);
        if (existing != null) {
            return existing;
        }
        synchronized (accounts) {
            existing = accounts.get(name);
            if (existing != null) {
                return existing;
            }
            int max = settings.maxAccounts();
            if (accounts.size() >= max) {
                throw ProviderError.badRequest("limit_exceeded", "The sandbox holds its maximum of " + max
                        + " accounts (changewire.sandbox.max-accounts); account '" + name + "' cannot be created");
            }
            Account account = new Account(name, clock, settings.maxRecordsPerAccount());
            if (settings.seed()) {
                seeder.seed(account);
            }
            accounts.put(name, account);
            return account;
        }
    }

    public Optional<Account> existing(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    public List<Account> all() {
        return List.copyOf(accounts.values());
    }
}
