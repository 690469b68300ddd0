package dev.changewire.notifications.control;

import dev.changewire.notifications.entity.DeliveryOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * MicroProfile Metrics: {@code changewire_delivery_attempts_total{outcome}}, the delivery latency
 * from detection to the receiver's 2xx ({@code changewire_delivery_latency_seconds}), and the queue
 * depth (PENDING, RETRYING and QUEUED notifications, as the sweeper last counted them).
 */
@ApplicationScoped
public class DeliveryMetrics {

    static final String ATTEMPTS = "changewire.delivery.attempts";
    static final String LATENCY = "changewire.delivery.latency";
    static final String QUEUE_DEPTH = "changewire.delivery.queue.depth";

    @Inject
    MetricRegistry registry;

    private final AtomicLong queueDepth = new AtomicLong();

    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName(QUEUE_DEPTH)
                .withDescription("Notifications not yet delivered: PENDING, RETRYING and QUEUED").build(),
                queueDepth, AtomicLong::get);
    }

    public void attempt(DeliveryOutcome outcome) {
        registry.counter(ATTEMPTS, new Tag("outcome", outcome.name())).inc();
    }

    public void delivered(Duration sinceDetection) {
        registry.timer(LATENCY).update(sinceDetection.isNegative() ? Duration.ZERO : sinceDetection);
    }

    public void queueDepth(long depth) {
        queueDepth.set(depth);
    }
}
