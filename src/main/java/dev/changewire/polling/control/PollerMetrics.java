package dev.changewire.polling.control;

import dev.changewire.platform.control.ApplicationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The poller's metrics: runs ({@code changewire_poller_runs_total}), run duration
 * ({@code changewire_poller_run_duration_seconds}), schedule lag, events by type, errors by kind, and
 * this node's backlog: due runs not started ({@code changewire_poller_queue_waiting}), how late the oldest
 * of them is ({@code changewire_poller_queue_oldest_lag_seconds}), runs in progress
 * ({@code changewire_poller_queue_running}) and due runs refused by a full queue
 * ({@code changewire_poller_queue_refused_total}); per API key, the quota planner's
 * {@code changewire_quota_used_today}, {@code changewire_quota_projected_ratio} and {@code changewire_quota_stretch}.
 */
@ApplicationScoped
public class PollerMetrics {

    @Inject
    ApplicationMetrics metrics;

    public void run(String trigger, String outcome, Duration duration) {
        Counter.builder("changewire.poller.runs").tag("trigger", trigger).tag("outcome", outcome)
                .register(metrics.registry()).increment();
        if (duration != null) {
            Timer.builder("changewire.poller.run.duration").tag("trigger", trigger)
                    .register(metrics.registry()).record(duration);
        }
    }

    /** Start minus due time of a scheduled run that claimed its slot. */
    public void lag(Duration lag) {
        // p50/p99 over the last minutes, so a saturated node's lag shows without a histogram backend
        Timer.builder("changewire.poller.schedule.lag").publishPercentiles(0.5, 0.99)
                .register(metrics.registry()).record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** Registers the backlog gauges of this node's queue of due runs. */
    public void backlog(DuePolls due) {
        Gauge.builder("changewire.poller.queue.waiting", due, DuePolls::waiting)
                .description("Scheduled poll runs that are due and not started on this node").register(metrics.registry());
        Gauge.builder("changewire.poller.queue.running", due, DuePolls::running)
                .description("Scheduled poll runs in progress on this node").register(metrics.registry());
        Gauge.builder("changewire.poller.queue.concurrency", due, DuePolls::concurrency)
                .description("changewire.poller.concurrency").register(metrics.registry());
        TimeGauge.builder("changewire.poller.queue.oldest.lag", due, TimeUnit.MILLISECONDS, d -> d.oldestLag(Instant.now()).toMillis())
                .description("How late the oldest waiting scheduled run is").register(metrics.registry());
    }

    /**
     * Registers the gauges of one API key's plan, tagged with its client id: the day's used count, the
     * projection at the configured intervals over the budget less the reserve (above 1: stretched), and the
     * stretch. They read the planner's last plan; a key no longer planned reads NaN.
     */
    public void quotaKey(QuotaPlanner planner, String key, String label) {
        gauge("changewire.quota.used.today", "Requests counted against the API key since 00:00 UTC", planner, key, label,
                p -> p.usedToday());
        gauge("changewire.quota.projected.ratio", "The API key's day at the configured intervals over its budget less the reserve",
                planner, key, label, p -> (double) p.projectedAtConfigured() / Math.max(1, p.perDay() - p.reserve()));
        gauge("changewire.quota.stretch", "How many times the intervals on the API key are stretched (1: as configured)",
                planner, key, label, QuotaPlan.KeyPlan::stretch);
    }

    private void gauge(String name, String description, QuotaPlanner planner, String key, String label,
            ToDoubleFunction<QuotaPlan.KeyPlan> value) {
        Gauge.builder(name, planner, q -> {
            QuotaPlan.KeyPlan plan = q.last().keys().get(key);
            return plan == null ? Double.NaN : value.applyAsDouble(plan);
        }).description(description).tag("api_key", label).register(metrics.registry());
    }

    /** A due run the full queue did not take (its next timer offers it again). */
    public void refused() {
        Counter.builder("changewire.poller.queue.refused").register(metrics.registry()).increment();
    }

    public void events(String type, int count) {
        if (count > 0) {
            Counter.builder("changewire.poller.events").tag("type", type).register(metrics.registry()).increment(count);
        }
    }

    public void error(String kind) {
        Counter.builder("changewire.poller.errors").tag("kind", kind).register(metrics.registry()).increment();
    }
}
