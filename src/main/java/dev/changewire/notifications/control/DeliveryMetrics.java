package dev.changewire.notifications.control;

import dev.changewire.notifications.entity.DeliveryOutcome;
import dev.changewire.platform.control.ApplicationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code changewire_delivery_attempts_total{outcome}}, the delivery latency from detection to the
 * receiver's 2xx ({@code changewire_delivery_latency_seconds}), and the queue depth (PENDING, RETRYING
 * and QUEUED notifications, as the sweeper last counted them).
 */
@ApplicationScoped
public class DeliveryMetrics {

    static final String ATTEMPTS = "changewire.delivery.attempts";
    static final String LATENCY = "changewire.delivery.latency";
    static final String QUEUE_DEPTH = "changewire.delivery.queue.depth";

    @Inject
    ApplicationMetrics metrics;

    private final AtomicLong queueDepth = new AtomicLong();
    private MeterRegistry registry;
    private Timer latency;

    @PostConstruct
    void register() {
        registry = metrics.registry();
        Gauge.builder(QUEUE_DEPTH, queueDepth, AtomicLong::get)
                .description("Notifications not yet delivered: PENDING, RETRYING and QUEUED")
                .register(registry);
        latency = Timer.builder(LATENCY)
                .description("From detection to the receiver's 2xx")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    public void attempt(DeliveryOutcome outcome) {
        Counter.builder(ATTEMPTS).tag("outcome", outcome.name()).register(registry).increment();
    }

    public void delivered(Duration sinceDetection) {
        latency.record(sinceDetection.isNegative() ? Duration.ZERO : sinceDetection);
    }

    public void queueDepth(long depth) {
        queueDepth.set(depth);
    }
}
