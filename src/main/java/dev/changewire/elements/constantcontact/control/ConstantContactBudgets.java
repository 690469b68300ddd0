package dev.changewire.elements.constantcontact.control;

import dev.changewire.instances.control.InstanceChanged;
import dev.changewire.instances.control.Instances;
import dev.changewire.platform.control.SecretDigest;
import dev.changewire.polling.control.RequestBudgets;
import dev.changewire.polling.entity.KeyBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Constant Contact's request budgets for the quota planner: an instance draws from its app's (client id
 * and secret, {@link ClientCredentials}), with the limit and the day's count the rate limiter keeps.
 * <p>
 * The planner asks for every scheduled instance every 30 s, and reading an instance's credentials is a
 * query and a decryption: each instance's app is kept here, forgotten when the instance changes on this
 * node and after {@link #FRESH} (a change made on another node).
 */
@ApplicationScoped
public class ConstantContactBudgets implements RequestBudgets {

    static final Duration FRESH = Duration.ofMinutes(10);

    @Inject
    Instances instances;

    @Inject
    ApiKeyLimiter limiter;

    @Inject
    SecretDigest digest;

    /** An instance's app, or none (no complete credentials), and when it was read. */
    private record App(Optional<ClientCredentials> client, String key, Instant readAt) {
    }

    private final Map<Long, App> apps = new ConcurrentHashMap<>();

    @Override
    public Map<Long, KeyBudget> of(Collection<Long> instanceIds) {
        Instant now = Instant.now();
        apps.keySet().retainAll(instanceIds); // the planner asks for every scheduled instance: the rest are gone
        Map<String, KeyBudget> byKey = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        for (long id : instanceIds) {
            App app = apps.get(id);
            if (app == null || app.readAt().plus(FRESH).isBefore(now)) {
                app = read(id, now);
                apps.put(id, app);
            }
            App known = app;
            // one read of the shared count per key, however many instances use it
            known.client().ifPresent(client -> budgets.put(id, byKey.computeIfAbsent(known.key(), key -> {
                RateLimitSettings limits = limiter.limitsOf(client);
                return new KeyBudget(key, client.clientId(), limits.requestsPerDay(), limiter.usedToday(client), limits.day());
            })));
        }
        return budgets;
    }

    private App read(long instanceId, Instant now) {
        Optional<ClientCredentials> client = instances.connection(instanceId)
                .map(c -> new ClientCredentials(c.apiKey(), c.apiSecret()))
                .filter(ClientCredentials::complete);
        return new App(client, client.map(c -> c.budgetKey(digest)).orElse(null), now);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) InstanceChanged change) {
        apps.remove(change.instanceId());
    }
}
