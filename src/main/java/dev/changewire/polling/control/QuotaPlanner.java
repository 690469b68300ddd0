package dev.changewire.polling.control;

import dev.changewire.polling.entity.KeyBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plans each API key's day ({@link QuotaPlan}) whenever the scheduler matches its timers with the
 * database, and keeps the last plan for the poller and the status. Every node plans from the same rows
 * (the instances, their costs per run, the shared request counts), so every node's timers agree; a node
 * whose plan is a moment behind only fires a timer that finds its slot taken.
 */
@ApplicationScoped
public class QuotaPlanner {

    private static final Logger LOG = Logger.getLogger(QuotaPlanner.class.getName());
    static final int MAX_MEASURED_KEYS = 1000;

    @Inject
    PollTargets targets;

    @Inject
    PollerSettings settings;

    @Inject
    Instance<RequestBudgets> budgets;

    @Inject
    PollerMetrics metrics;

    /** Keys whose gauges are registered; bounded, as their labels come from tenants' configuration. */
    private final Set<String> measured = ConcurrentHashMap.newKeySet();

    private volatile QuotaPlan last = QuotaPlan.NONE;

    /** The effective interval of every instance to be polled, given their configured ones; the plan is kept. */
    public Map<Long, Duration> plan(Map<Long, Duration> schedule) {
        QuotaPlan plan = make(schedule, Instant.now());
        Map<Long, Duration> effective = new LinkedHashMap<>();
        schedule.forEach((id, interval) -> effective.put(id, plan.effective(id, interval)));
        QuotaPlan before = last;
        last = plan;
        plan.keys().values().forEach(key -> {
            if (measured.size() < MAX_MEASURED_KEYS && measured.add(key.key())) {
                metrics.quotaKey(this, key.key(), key.label());
            }
            QuotaPlan.KeyPlan was = before.keys().get(key.key());
            if ((was == null ? 1.0 : was.stretch()) != key.stretch()) {
                LOG.info(() -> key.reason().orElse("API key " + key.label() + ": the day fits its budget; its " + key.instances().size()
                        + " instances are polled at their configured intervals again"));
            }
        });
        return effective;
    }

    private QuotaPlan make(Map<Long, Duration> schedule, Instant now) {
        if (schedule.isEmpty() || !budgets.isResolvable()) {
            return QuotaPlan.NONE;
        }
        Map<Long, KeyBudget> known;
        try {
            known = budgets.get().of(schedule.keySet());
        } catch (RuntimeException e) {
            // without the counts no plan is better than a wrong one: the intervals stay as configured,
            // and the rate limiter still keeps every request within the key's limits
            LOG.log(Level.WARNING, "Could not read the API keys' request counts; polling at the configured intervals", e);
            return QuotaPlan.NONE;
        }
        Map<Long, Double> costs = targets.requestsPerRun();
        Map<Long, QuotaPlan.Demand> demands = new HashMap<>();
        schedule.forEach((id, interval) -> demands.put(id, new QuotaPlan.Demand(interval, costs.getOrDefault(id, 1.0))));
        return QuotaPlan.of(now, demands, known, settings.quotaReserve(), last);
    }

    /** The interval the instance is polled at by the last plan: its configured one unless its key's day does not fit. */
    public Duration effective(long instanceId, Duration configured) {
        return last.effective(instanceId, configured);
    }

    /** The last plan. */
    public QuotaPlan last() {
        return last;
    }
}
