package dev.changewire.platform.control;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's meters (Micrometer) and their Prometheus text exposition, served at /metrics.
 * Part of the WAR rather than the server's: Payara Micro offers MicroProfile Metrics, WildFly 39 does not
 * (it has its own Micrometer, exported over OTLP), so only metrics the application keeps itself look the
 * same on both. Micrometer names {@code changewire.delivery.latency} (a timer) as
 * {@code changewire_delivery_latency_seconds}, counters get {@code _total}, and durations are in seconds.
 */
@ApplicationScoped
public class ApplicationMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ApplicationMetrics() {
        // a few JVM basics, so a dashboard need not scrape the server separately
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
