package dev.changewire.notifications.boundary;

import dev.changewire.notifications.control.Deliverer;
import dev.changewire.notifications.control.DeliveryClaims;
import dev.changewire.notifications.control.DeliveryMetrics;
import dev.changewire.notifications.control.DeliverySettings;
import dev.changewire.notifications.control.Dispatch;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code changewire.delivery.sweep-interval}, hands the delivery executor whatever is due:
 * retries whose time has come, notifications a crash left unsent (their claims expired), and events a
 * crash left undispatched. The timer is not persistent: the database holds all the state, so each
 * node simply starts sweeping when it starts.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // its timers read tables the migration creates
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliverySweeper {

    static final int MAX_INSTANCES_PER_SWEEP = 1000;
    static final int MAX_LEFT_BEHIND_PER_SWEEP = 100;
    private static final Logger LOG = Logger.getLogger(DeliverySweeper.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryClaims claims;

    @Inject
    Dispatch dispatch;

    @Inject
    Deliverer deliverer;

    @Inject
    DeliveryMetrics metrics;

    private final AtomicBoolean sweeping = new AtomicBoolean();

    @PostConstruct
    void start() {
        long interval = settings.sweepInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("changewire-delivery-sweeper", false));
    }

    @Timeout
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return; // the previous sweep is still running
        }
        try {
            // each step on its own: one failing must not stop the others
            step("dispatching events left behind", this::dispatchLeftBehind);
            step("scheduling due notifications", () -> {
                for (DeliveryClaims.DueInstance due : claims.dueInstances(MAX_INSTANCES_PER_SWEEP)) {
                    deliverer.schedule(due.organizationId(), due.instanceId());
                }
            });
            step("counting the queue", () -> metrics.queueDepth(claims.queueDepth()));
        } finally {
            sweeping.set(false);
        }
    }

    private void dispatchLeftBehind() {
        for (long instanceId : dispatch.leftBehind(settings.leftBehindAfter(), MAX_LEFT_BEHIND_PER_SWEEP)) {
            Dispatch.Dispatched dispatched = dispatch.dispatch(instanceId);
            if (dispatched.any()) {
                deliverer.schedule(dispatched.organizationId(), dispatched.instanceId());
            }
        }
    }

    private static void step(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivery sweep failed " + what + "; the next sweep retries", e);
        }
    }
}
