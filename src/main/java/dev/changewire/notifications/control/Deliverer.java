package dev.changewire.notifications.control;

import dev.changewire.notifications.entity.AttemptResult;
import dev.changewire.notifications.entity.CallbackRequest;
import dev.changewire.notifications.entity.DeliveryOutcome;
import dev.changewire.notifications.entity.NotificationStatus;
import dev.changewire.platform.control.ApiException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends an instance's due notifications, one at a time and in order, on the delivery executor (never
 * on a timer's or a request's thread). Each instance has at most one sending task per node; work that
 * arrives while it runs makes it look again before it ends, and whatever it misses the sweeper finds.
 */
@ApplicationScoped
@ManagedExecutorDefinition(name = Deliverer.EXECUTOR, maxAsync = 16)
public class Deliverer {

    static final String EXECUTOR = "java:app/concurrent/changewire-delivery";
    /** Attempts per task; the rest waits for the next task or sweep, so one busy instance cannot keep a thread forever. */
    static final int MAX_ATTEMPTS_PER_RUN = 500;
    private static final Logger LOG = Logger.getLogger(Deliverer.class.getName());

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    DeliveryClaims claims;

    @Inject
    DeliveryLog log;

    @Inject
    InstanceCallbacks callbacks;

    @Inject
    CallbackRequestBuilder requests;

    @Inject
    CallbackClient client;

    @Inject
    DeliverySettings settings;

    @Inject
    DeliveryMetrics metrics;

    /** Instance id: FALSE while its task runs, TRUE when it must look once more. */
    private final ConcurrentHashMap<Long, Boolean> running = new ConcurrentHashMap<>();

    /** Runs {@code work} on the delivery executor. */
    public void submit(Runnable work) {
        executor.execute(work);
    }

    /** Makes sure a task sends what the instance has due, soon. */
    public void schedule(long organizationId, long instanceId) {
        if (running.put(instanceId, Boolean.TRUE) == null) {
            try {
                executor.execute(() -> drain(organizationId, instanceId));
            } catch (RejectedExecutionException e) {
                running.remove(instanceId);
                LOG.log(Level.WARNING, "Delivery executor refused work for instance {0}; the sweeper will retry", instanceId);
            }
        }
    }

    void drain(long organizationId, long instanceId) {
        try {
            do {
                running.put(instanceId, Boolean.FALSE);
                sendDue(organizationId, instanceId);
            } while (!running.remove(instanceId, Boolean.FALSE));
        } catch (RuntimeException e) {
            running.remove(instanceId);
            LOG.log(Level.WARNING, "Delivery for instance " + instanceId + " stopped; the sweeper will retry", e);
        }
    }

    private void sendDue(long organizationId, long instanceId) {
        InstanceCallbacks.Callback callback;
        try {
            callback = callbacks.of(organizationId, instanceId);
        } catch (ApiException e) {
            return; // the instance was deleted: its notifications went with it
        }
        for (int i = 0; i < MAX_ATTEMPTS_PER_RUN; i++) {
            Optional<DeliveryClaims.Claim> claim = claims.claimNext(instanceId, callback.ordered(), settings.claimDuration());
            if (claim.isEmpty()) {
                return;
            }
            Optional<DeliveryLog.Outgoing> outgoing = log.outgoing(claim.get().notificationId());
            if (outgoing.isEmpty()) {
                continue;
            }
            AttemptResult result = attempt(callback, outgoing.get());
            AttemptVerdict verdict = log.record(claim.get(), result, settings.retrySchedule());
            metrics.attempt(result.outcome());
            if (verdict != null && verdict.status() == NotificationStatus.DELIVERED) {
                metrics.delivered(Duration.between(outgoing.get().detectedAt(), Instant.now()));
            }
            if (verdict != null && verdict.deactivate()) {
                return;
            }
        }
    }

    private AttemptResult attempt(InstanceCallbacks.Callback callback, DeliveryLog.Outgoing outgoing) {
        if (callback.settings() == null) {
            return new AttemptResult(Instant.now(), Duration.ZERO, null, callback.problem(), DeliveryOutcome.RETRY_CLIENT_ERROR, null, null);
        }
        CallbackRequest request = requests.build(callback.settings(), outgoing.notificationId(), Instant.now(), outgoing.body());
        return client.send(request);
    }
}
