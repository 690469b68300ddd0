package dev.changewire.polling.control;

import dev.changewire.instances.control.ConfigurationKeys;
import dev.changewire.instances.control.ConfigurationValues;
import dev.changewire.instances.entity.ConfigurationEntry;
import dev.changewire.instances.entity.Instance;
import dev.changewire.polling.entity.PollState;
import dev.changewire.polling.entity.Classification;
import dev.changewire.polling.entity.PollTarget;
import dev.changewire.polling.entity.ResourceCursor;
import dev.changewire.polling.entity.SweepState;
import dev.changewire.polling.entity.PollerConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads instances as the poller needs them; the database is the only source (timers are rebuilt from it). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PollTargets {

    static final List<String> KEYS = List.of(ConfigurationKeys.EVENTS_ENABLED, RefreshInterval.KEY, PollerConfiguration.KEY,
            PollerTimeZone.KEY, Classification.KEY);

    @PersistenceContext
    EntityManager em;

    @Inject
    PollerSettings settings;

    public Optional<PollTarget> find(long instanceId) {
        Instance instance = em.find(Instance.class, instanceId);
        if (instance == null) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (ConfigurationEntry entry : instance.getConfiguration()) {
            if (KEYS.contains(entry.getKey())) {
                values.put(entry.getKey(), entry.getStoredValue());
            }
        }
        return Optional.of(target(instance.getId(), instance.getOrganizationId(), instance.isDisabled(), instance.isValid(),
                instance.getUpdatedAt(), values, true));
    }

    /** Every instance to be polled, with its interval: what each node's timers must match. */
    public Map<Long, Duration> schedule() {
        Map<Long, Map<String, String>> values = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT i.id, c.config_key, c.config_value FROM element_instance i"
                        + " JOIN instance_configuration c ON c.instance_id = i.id"
                        + " WHERE i.disabled = FALSE AND i.valid = TRUE AND c.config_key IN (?1, ?2)")
                .setParameter(1, ConfigurationKeys.EVENTS_ENABLED)
                .setParameter(2, RefreshInterval.KEY)
                .getResultList();
        for (Object[] row : rows) {
            values.computeIfAbsent(((Number) row[0]).longValue(), id -> new HashMap<>()).put((String) row[1], (String) row[2]);
        }
        Map<Long, Duration> schedule = new LinkedHashMap<>();
        values.forEach((id, config) -> {
            PollTarget target = target(id, 0, false, true, Instant.EPOCH, config, false);
            if (target.eventsEnabled()) {
                schedule.put(id, target.interval());
            }
        });
        return schedule;
    }

    /** The interval of one instance if it is to be polled. */
    public Optional<Duration> scheduleOf(long instanceId) {
        return find(instanceId).filter(PollTarget::active).map(PollTarget::interval);
    }

    private PollTarget target(long id, long organizationId, boolean disabled, boolean valid, Instant changedAt,
            Map<String, String> values, boolean withConfiguration) {
        boolean eventsEnabled;
        try {
            eventsEnabled = ConfigurationValues.flag(values, ConfigurationKeys.EVENTS_ENABLED);
        } catch (RuntimeException e) {
            eventsEnabled = false;
        }
        String problem = null;
        Duration interval = RefreshInterval.DEFAULT;
        String intervalText = values.get(RefreshInterval.KEY);
        if (intervalText != null && !intervalText.isBlank()) {
            try {
                interval = RefreshInterval.parse(intervalText);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        // an interval saved before the operator raised the minimum is polled at the minimum
        if (interval.compareTo(settings.minimumInterval()) < 0) {
            interval = settings.minimumInterval();
        }
        ZoneId zone = PollerTimeZone.DEFAULT;
        Classification classification = Classification.DEFAULT;
        PollerConfiguration configuration = null;
        if (withConfiguration) {
            try {
                zone = PollerTimeZone.parse(values.get(PollerTimeZone.KEY));
                classification = Classification.parse(values.get(Classification.KEY));
                String text = values.get(PollerConfiguration.KEY);
                configuration = text == null || text.isBlank() ? PollerConfiguration.constantContactDefaults()
                        : PollerConfiguration.parse(text);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        return new PollTarget(id, organizationId, eventsEnabled, disabled, valid, interval, zone,
                problem == null ? configuration : null, problem, changedAt, classification);
    }

    public Optional<ResourceCursor> cursor(long instanceId, String resource) {
        return Optional.ofNullable(em.find(ResourceCursor.class, new ResourceCursor.Key(instanceId, resource)));
    }

    /** The instance's sweeps' progress, for the status. */
    public List<SweepState> sweeps(long instanceId) {
        return em.createQuery("SELECT s FROM SweepState s WHERE s.instanceId = :id ORDER BY s.resource, s.sweep", SweepState.class)
                .setParameter("id", instanceId).getResultList();
    }

    public List<ResourceCursor> cursors(long instanceId) {
        return em.createQuery("SELECT c FROM ResourceCursor c WHERE c.instanceId = :id ORDER BY c.resource", ResourceCursor.class)
                .setParameter("id", instanceId).getResultList();
    }

    public Optional<PollState> state(long instanceId) {
        return Optional.ofNullable(em.find(PollState.class, instanceId));
    }

    /** What a run of each instance costs in provider requests, averaged over its recent runs; instances that never ran are left out. */
    public Map<Long, Double> requestsPerRun() {
        Map<Long, Double> costs = new HashMap<>();
        em.createQuery("SELECT s.instanceId, s.requestsPerRun FROM PollState s WHERE s.requestsPerRun IS NOT NULL", Object[].class)
                .getResultList()
                .forEach(row -> costs.put((Long) row[0], ((Number) row[1]).doubleValue()));
        return costs;
    }

    /** Every poll_state row as {instance id, last run started, paused until}. */
    public List<Object[]> lastRuns() {
        return em.createQuery("SELECT s.instanceId, s.lastRunStarted, s.pausedUntil FROM PollState s", Object[].class).getResultList();
    }
}
