package dev.changewire.elements.constantcontact.control;

import dev.changewire.instances.control.Instances;
import dev.changewire.platform.control.SecretDigest;
import dev.changewire.polling.control.RequestBudgets;
import dev.changewire.polling.entity.KeyBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Constant Contact's request budgets for the quota planner: an instance draws from its app's (client id
 * and secret, {@link ClientCredentials}), with the limit and the day's count the rate limiter keeps.
 */
@ApplicationScoped
public class ConstantContactBudgets implements RequestBudgets {

    @Inject
    Instances instances;

    @Inject
    ApiKeyLimiter limiter;

    @Inject
    SecretDigest digest;

    @Override
    public Map<Long, KeyBudget> of(Collection<Long> instanceIds) {
        Map<String, KeyBudget> byKey = new HashMap<>();
        Map<Long, KeyBudget> budgets = new HashMap<>();
        for (long id : instanceIds) {
            instances.connection(id).ifPresent(connection -> {
                ClientCredentials client = new ClientCredentials(connection.apiKey(), connection.apiSecret());
                if (client.complete()) {
                    // one read of the shared count per key, however many instances use it
                    budgets.put(id, byKey.computeIfAbsent(client.budgetKey(digest),
                            key -> new KeyBudget(key, client.clientId(), limiter.limitsOf(client).requestsPerDay(), limiter.usedToday(client))));
                }
            });
        }
        return budgets;
    }
}
