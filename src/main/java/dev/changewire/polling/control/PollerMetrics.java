package dev.changewire.polling.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The poller's MicroProfile metrics: runs, run duration, schedule lag, events by type, errors by kind. */
@ApplicationScoped
public class PollerMetrics {

    @Inject
    MetricRegistry registry;

    public void run(String trigger, String outcome, Duration duration) {
        registry.counter("changewire_poller_runs", new Tag("trigger", trigger), new Tag("outcome", outcome)).inc();
        if (duration != null) {
            registry.timer("changewire_poller_run_duration", new Tag("trigger", trigger)).update(duration);
        }
    }

    /** Start minus due time of a scheduled run that claimed its slot. */
    public void lag(Duration lag) {
        registry.timer("changewire_poller_schedule_lag").update(lag);
    }

    public void events(String type, int count) {
        if (count > 0) {
            registry.counter("changewire_poller_events", new Tag("type", type)).inc(count);
        }
    }

    public void error(String kind) {
        registry.counter("changewire_poller_errors", new Tag("kind", kind)).inc();
    }
}
