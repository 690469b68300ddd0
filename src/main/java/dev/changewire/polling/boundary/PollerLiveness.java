package dev.changewire.polling.boundary;

import dev.changewire.polling.control.DuePolls;
import dev.changewire.polling.control.PollTargets;
import dev.changewire.polling.control.PollerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when polling has stopped in a way a restart can cure:
 * <ul>
 * <li>this node's scheduler has not matched its timers with the database for five reconcile
 *     intervals (its timer service is stuck);</li>
 * <li>or an instance that should be polled (events on, enabled, valid, not paused for quota) has had
 *     no run started for {@value #STALE_AFTER_INTERVALS} of its intervals plus the lease, on any node.
 *     Time before this node started does not count (after a long downtime the first slots are still to come).
 *     A run that fails still starts, so a provider outage does not turn it DOWN (a restart would not
 *     cure that; each resource's last error and cursor age show it on the poller status).
 *     An instance whose run waits in this node's queue of due runs is late because the node is
 *     saturated, not stuck: it counts as {@code lateInQueue}, not as overdue;</li>
 * <li>or the oldest due run waiting in this node's queue is later than {@code changewire.poller.down-lag}.</li>
 * </ul>
 * MicroProfile Health knows only UP and DOWN, so a saturated node that still works through its backlog
 * stays UP and says {@code "backlog": "DEGRADED"} (oldest waiting run later than
 * {@code changewire.poller.degraded-lag}) with the queue's depth and lag in its data, before it says DOWN.
 */
@Liveness
@ApplicationScoped
public class PollerLiveness implements HealthCheck {

    static final int STALE_AFTER_INTERVALS = 3;

    @Inject
    PollScheduler scheduler;

    @Inject
    PollerSettings settings;

    @Inject
    PollTargets targets;

    @Inject
    DuePolls due;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("poller").withData("node", settings.nodeId());
        if (!settings.enabled()) {
            return response.up().withData("scheduling", "off on this node").build();
        }
        Instant now = Instant.now();
        Instant reconciled = scheduler.lastReconciled();
        Instant since = reconciled != null ? reconciled
                : scheduler.started() == null ? null : scheduler.started().plus(settings.startDelay()); // the first reconciliation waits the start delay
        boolean schedulerAlive = since != null
                && Duration.between(since, now).compareTo(settings.reconcileInterval().multipliedBy(5)) < 0;
        response.withData("lastReconciled", reconciled == null ? "never" : reconciled.toString())
                .withData("scheduledInstances", scheduler.scheduledCount());
        Duration lag = due.oldestLag(now);
        boolean backlogDown = lag.compareTo(settings.downLag()) > 0;
        response.withData("queueWaiting", due.waiting())
                .withData("queueRunning", due.running())
                .withData("concurrency", due.concurrency())
                .withData("oldestLagSeconds", lag.toSeconds())
                .withData("queueRefused", due.refused())
                .withData("backlog", backlogDown ? "DOWN" : lag.compareTo(settings.degradedLag()) > 0 ? "DEGRADED" : "OK");
        long overdue = 0;
        long lateInQueue = 0;
        try {
            Map<Long, Duration> schedule = targets.schedule();
            for (Object[] row : targets.lastRuns()) {
                Duration interval = schedule.get(((Number) row[0]).longValue());
                Instant started = (Instant) row[1];
                Instant up = scheduler.started();
                if (started != null && up != null && up.isAfter(started)) {
                    started = up;
                }
                Instant pausedUntil = (Instant) row[2];
                if (interval == null || started == null || (pausedUntil != null && pausedUntil.isAfter(now))) {
                    continue;
                }
                if (started.plus(interval.multipliedBy(STALE_AFTER_INTERVALS)).plus(settings.lease()).isBefore(now)) {
                    if (due.isWaiting(((Number) row[0]).longValue())) {
                        lateInQueue++;
                    } else {
                        overdue++;
                    }
                }
            }
        } catch (RuntimeException e) {
            // the database readiness check reports an unreachable database; liveness is about the poller
            return response.status(schedulerAlive && !backlogDown).withData("overdueInstances", "unknown: " + e.getClass().getSimpleName()).build();
        }
        response.withData("overdueInstances", overdue).withData("lateInQueue", lateInQueue);
        return response.status(schedulerAlive && overdue == 0 && !backlogDown).build();
    }
}
