package dev.changewire.notifications.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** The {@code changewire.retention.*} settings, read and checked once at startup. */
@ApplicationScoped
public class RetentionSettings {

    public static final String EVENTS = "changewire.retention.events";
    public static final String INTERVAL = "changewire.retention.interval";
    public static final String BATCH_SIZE = "changewire.retention.batch-size";
    static final int MAX_BATCH_SIZE = 10_000;

    @Inject
    Config config;

    private Duration events;
    private Duration interval;
    private int batchSize;

    @PostConstruct
    void read() {
        events = duration(EVENTS, Duration.ofDays(30));
        interval = duration(INTERVAL, Duration.ofHours(1));
        batchSize = config.getOptionalValue(BATCH_SIZE, Integer.class).orElse(500);
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalStateException(BATCH_SIZE + " must be 1 to " + MAX_BATCH_SIZE + ", got " + batchSize);
        }
    }

    private Duration duration(String key, Duration fallback) {
        Duration value = config.getOptionalValue(key, String.class).map(text -> {
            try {
                return Duration.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalStateException(key + " must be an ISO-8601 duration such as P30D, got '" + text + "'", e);
            }
        }).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(key + " must be positive, got " + value);
        }
        return value;
    }

    /** How long delivered notifications, attempts and notified events are kept. */
    public Duration events() {
        return events;
    }

    /** How often retention deletes what is past it. */
    public Duration interval() {
        return interval;
    }

    /** Rows per delete statement (and transaction). */
    public int batchSize() {
        return batchSize;
    }
}
