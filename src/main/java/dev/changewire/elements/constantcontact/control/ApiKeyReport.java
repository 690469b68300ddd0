package dev.changewire.elements.constantcontact.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.elements.constantcontact.entity.ApiKeyBudget;
import dev.changewire.instances.control.Instances;
import dev.changewire.platform.control.SecretDigest;
import dev.changewire.polling.control.PollTargets;
import dev.changewire.polling.control.PollerSettings;
import dev.changewire.polling.control.QuotaPlan;
import dev.changewire.polling.control.QuotaPlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys an organization's instances use, each with its budget, the day's count, the quota
 * planner's projection and whether its intervals are stretched. An organization sees only its own
 * instances on a key, though the key's count and plan are everyone's on it.
 */
@ApplicationScoped
public class ApiKeyReport {

    @Inject
    Instances instances;

    @Inject
    ApiKeyLimiter limiter;

    @Inject
    ApiKeyBudgets budgets;

    @Inject
    QuotaPauses pauses;

    @Inject
    QuotaPlanner planner;

    @Inject
    PollTargets targets;

    @Inject
    PollerSettings pollerSettings;

    @Inject
    SecretDigest digest;

    /** One entry per budget (client id and secret) the organization's instances use, by client id. */
    public List<JsonObject> keysOf(long organizationId) {
        Map<String, ClientCredentials> clients = new LinkedHashMap<>();
        Map<String, List<Long>> members = new LinkedHashMap<>();
        for (Instances.Connection connection : instances.connectionsOf(organizationId)) {
            ClientCredentials client = new ClientCredentials(connection.apiKey(), connection.apiSecret());
            if (client.complete()) {
                String key = client.budgetKey(digest);
                clients.putIfAbsent(key, client);
                members.computeIfAbsent(key, k -> new ArrayList<>()).add(connection.id());
            }
        }
        List<JsonObject> keys = new ArrayList<>();
        QuotaPlan plan = planner.last();
        members.forEach((key, ids) -> keys.add(key(clients.get(key), Optional.ofNullable(plan.keys().get(key)), ids)));
        keys.sort((a, b) -> a.getString("apiKey").compareTo(b.getString("apiKey")));
        return keys;
    }

    private JsonObject key(ClientCredentials client, Optional<QuotaPlan.KeyPlan> plan, List<Long> ids) {
        RateLimitSettings limits = limiter.limitsOf(client);
        long used = limiter.usedToday(client);
        Optional<ApiKeyBudget> own = budgets.find(client.clientId());
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("apiKey", client.clientId())
                .add("requestsPerDay", limits.requestsPerDay())
                .add("requestsPerSecond", limits.requestsPerSecond())
                .add("ownLimits", own.isPresent())
                .add("usedToday", used)
                // when the budget renews: the form that warns about a new instance counts its requests until then
                .add("dayEnds", limits.dayEnds(Instant.now()).toString());
        if (plan.isPresent()) {
            QuotaPlan.KeyPlan p = plan.get();
            json.add("reserve", p.reserve()).add("projectedAtConfiguredIntervals", p.projectedAtConfigured())
                    .add("projected", p.projected()).add("stretched", p.stretched())
                    .add("polledInstances", p.instances().size());
            p.reason().ifPresentOrElse(r -> json.add("reason", r), () -> json.addNull("reason"));
            json.add("plannedAt", planner.last().at().toString());
        } else {
            // none of its instances is polled: nothing to plan, the day is what was used
            json.add("reserve", (long) Math.ceil(limits.requestsPerDay() * pollerSettings.quotaReserve()))
                    .add("projectedAtConfiguredIntervals", used).add("projected", used).add("stretched", false)
                    .add("polledInstances", 0).addNull("reason").addNull("plannedAt");
        }
        pauses.pausedUntil(client).ifPresentOrElse(until -> json.add("pausedUntil", until.toString()), () -> json.addNull("pausedUntil"));
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (long id : ids) {
            JsonObjectBuilder instance = JSON.createObjectBuilder().add("id", id);
            Optional<Duration> configured = targets.scheduleOf(id);
            instance.add("polled", configured.isPresent());
            configured.ifPresentOrElse(c -> instance.add("refreshInterval", c.toString())
                            .add("effectiveInterval", planner.effective(id, c).toString()),
                    () -> instance.addNull("refreshInterval").addNull("effectiveInterval"));
            list.add(instance);
        }
        return json.add("instances", list).build();
    }

    /** A key's own limits as set, or the defaults it falls back to. */
    public JsonObject limits(String clientId) {
        // the row itself, not the limiter's cached copy of it: a limit just set is answered as set
        Optional<ApiKeyBudget> own = budgets.find(clientId);
        RateLimitSettings limits = limiter.settings();
        JsonObjectBuilder json = JSON.createObjectBuilder().add("apiKey", clientId)
                .add("requestsPerDay", own.map(ApiKeyBudget::getRequestsPerDay).orElse(limits.requestsPerDay()))
                .add("requestsPerSecond", own.map(ApiKeyBudget::getRequestsPerSecond).orElse(limits.requestsPerSecond()))
                .add("ownLimits", own.isPresent());
        own.ifPresentOrElse(b -> json.add("updatedAt", b.getUpdatedAt().toString()), () -> json.addNull("updatedAt"));
        return json.build();
    }
}
