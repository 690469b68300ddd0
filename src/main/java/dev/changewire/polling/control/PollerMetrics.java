package dev.changewire.polling.control;

import dev.changewire.platform.control.ApplicationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The poller's metrics: runs ({@code changewire_poller_runs_total}), run duration
 * ({@code changewire_poller_run_duration_seconds}), schedule lag, events by type, errors by kind.
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
        Timer.builder("changewire.poller.schedule.lag").register(metrics.registry()).record(lag.isNegative() ? Duration.ZERO : lag);
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
