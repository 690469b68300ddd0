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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
    static final int MAX_HANDED_OVER = 10_000;
    /** Notifications claimed, sent (one after the other) and settled together: two transactions per batch, not three per notification. */
    static final int CLAIM_BATCH = 10;
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

    /** Work handed over by transaction observers, submitted to the executor by {@link #submitHandedOver}. */
    private final ConcurrentLinkedQueue<Runnable> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedOverCount = new AtomicInteger();

    /**
     * Runs {@code work} on the delivery executor soon. Observers of a transaction's completion hand work
     * over here instead of submitting it themselves: the container's context captured at that point
     * (an EJB timer's invocation while its transaction completes) does not survive propagation to
     * another thread on Payara (the executor's threads end up with a corrupt invocation stack). A
     * short timer submits it from a clean context. Work beyond the bound is dropped: its events stay
     * NEW and the sweeper dispatches them.
     */
    public void handOver(Runnable work) {
        if (handedOverCount.incrementAndGet() > MAX_HANDED_OVER) {
            handedOverCount.decrementAndGet();
            LOG.log(Level.WARNING, "Too much delivery work waiting; the sweeper will pick it up");
            return;
        }
        handedOver.add(work);
    }

    /** Submits the handed-over work; called by the hand-over timer. */
    public void submitHandedOver() {
        for (Runnable work; (work = handedOver.poll()) != null; ) {
            handedOverCount.decrementAndGet();
            try {
                executor.execute(work);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.WARNING, "Delivery executor refused work; the sweeper will pick it up");
            }
        }
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
        for (int attempts = 0; attempts < MAX_ATTEMPTS_PER_RUN; ) {
            List<DeliveryClaims.Claimed> batch = claims.claimBatch(instanceId, callback.ordered(), settings.claimDuration(), CLAIM_BATCH);
            if (batch.isEmpty()) {
                return;
            }
            // one after the other, the next as soon as the previous is acknowledged; after a failure the rest
            // of the batch is not sent (in order, nothing may overtake it) and goes back unclaimed
            List<DeliveryLog.Sent> sent = new ArrayList<>();
            boolean failed = false;
            for (DeliveryClaims.Claimed claimed : batch) {
                if (failed) {
                    sent.add(new DeliveryLog.Sent(claimed.claim(), null));
                    continue;
                }
                AttemptResult result = attempt(callback, claimed.outgoing());
                sent.add(new DeliveryLog.Sent(claimed.claim(), result));
                failed = result.outcome() != DeliveryOutcome.DELIVERED;
                attempts++;
            }
            List<AttemptVerdict> verdicts = log.recordAll(sent, settings.retrySchedule());
            boolean deactivated = false;
            for (int i = 0; i < sent.size(); i++) {
                AttemptVerdict verdict = verdicts.get(i);
                if (sent.get(i).result() == null) {
                    continue;
                }
                metrics.attempt(sent.get(i).result().outcome());
                if (verdict != null && verdict.status() == NotificationStatus.DELIVERED) {
                    metrics.delivered(Duration.between(batch.get(i).outgoing().detectedAt(), Instant.now()));
                }
                deactivated |= verdict != null && verdict.deactivate();
            }
            if (deactivated) {
                return;
            }
        }
    }

    private AttemptResult attempt(InstanceCallbacks.Callback callback, DeliveryLog.Outgoing outgoing) {
        if (callback.settings() == null) {
            return new AttemptResult(Instant.now(), Duration.ZERO, null, callback.problem(), DeliveryOutcome.RETRY_CLIENT_ERROR, null, null);
        }
        CallbackRequest request = requests.build(callback.settings(), outgoing.notificationId(), Instant.now(),
                outgoing.headers(), outgoing.body());
        return client.send(request);
    }
}
