package dev.changewire.notifications.boundary;

import dev.changewire.notifications.control.Retention;
import dev.changewire.notifications.control.RetentionSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code changewire.retention.interval} (first a minute after startup), deletes what is older than
 * {@code changewire.retention.events} in batches, each its own short transaction, so the database keeps
 * a bounded history however long it runs. Every node does it; the deletes are idempotent.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // its timer deletes from tables the migration creates
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionSweeper {

    static final long FIRST_AFTER_MILLIS = 60_000;
    /** Batches per kind and sweep: a large backlog (retention switched on late) is worked off over several sweeps. */
    static final int MAX_BATCHES = 1000;
    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class.getName());

    @Resource
    TimerService timers;

    @Inject
    RetentionSettings settings;

    @Inject
    Retention retention;

    private final AtomicBoolean sweeping = new AtomicBoolean();

    @PostConstruct
    void start() {
        timers.createIntervalTimer(FIRST_AFTER_MILLIS, settings.interval().toMillis(), new TimerConfig("changewire-retention", false));
    }

    @Timeout
    void timeout() {
        sweep(Instant.now());
    }

    /** Deletes what is older than the retention period before {@code now}; answers the rows deleted per kind. */
    public Map<Retention.Kind, Integer> sweep(Instant now) {
        Map<Retention.Kind, Integer> deleted = new EnumMap<>(Retention.Kind.class);
        if (!sweeping.compareAndSet(false, true)) {
            return deleted; // the previous sweep is still running
        }
        try {
            Instant cutoff = now.minus(settings.events());
            int batch = settings.batchSize();
            for (Retention.Kind kind : Retention.Kind.values()) {
                int total = 0;
                try {
                    for (int i = 0, n = batch; i < MAX_BATCHES && n == batch; i++) {
                        n = retention.deleteBatch(kind, cutoff, batch);
                        total += n;
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Retention stopped deleting " + kind + "; the next sweep goes on", e);
                }
                deleted.put(kind, total);
            }
            if (deleted.values().stream().anyMatch(n -> n > 0)) {
                LOG.info(() -> "Retention deleted rows older than " + cutoff + ": " + deleted);
            }
            return deleted;
        } finally {
            sweeping.set(false);
        }
    }
}
