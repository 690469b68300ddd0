package dev.changewire.notifications.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.Config;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The {@code changewire.delivery.*} settings, read and checked once at startup. */
@ApplicationScoped
public class DeliverySettings {

    public static final String TIMEOUT = "changewire.delivery.timeout";
    public static final String SWEEP_INTERVAL = "changewire.delivery.sweep-interval";
    public static final String LEFT_BEHIND_AFTER = "changewire.delivery.left-behind-after";
    public static final String ROTATION_OVERLAP = "changewire.delivery.secret-rotation-overlap";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    Config config;

    private Duration timeout;
    private Duration sweepInterval;
    private Duration leftBehindAfter;
    private Duration rotationOverlap;
    private RetrySchedule retrySchedule;

    @PostConstruct
    void read() {
        read(key -> config.getOptionalValue(key, String.class));
    }

    /** Settings from any source of values (tests). */
    public static DeliverySettings of(Map<String, String> values) {
        DeliverySettings settings = new DeliverySettings();
        settings.read(key -> Optional.ofNullable(values.get(key)));
        return settings;
    }

    private void read(Function<String, Optional<String>> source) {
        timeout = duration(source, TIMEOUT, "PT15S");
        sweepInterval = duration(source, SWEEP_INTERVAL, "PT5S");
        leftBehindAfter = duration(source, LEFT_BEHIND_AFTER, "PT30S");
        rotationOverlap = duration(source, ROTATION_OVERLAP, "P1D");
        retrySchedule = RetrySchedule.parse(source.apply(RetrySchedule.KEY).orElse(RetrySchedule.DEFAULT));
    }

    /** The whole request, from connecting to the response's status line. */
    public Duration timeout() {
        return timeout;
    }

    public Duration connectTimeout() {
        return CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout;
    }

    /**
     * How long a claim holds: an attempt ends within the timeout plus reading 2 KiB of the response,
     * and a claim left by a crashed node must expire soon after.
     */
    public Duration claimDuration() {
        return timeout.plus(CallbackClient.BODY_GRACE).plusSeconds(10);
    }

    public Duration sweepInterval() {
        return sweepInterval;
    }

    /** NEW events older than this were left behind by a crash between their commit and their dispatch. */
    public Duration leftBehindAfter() {
        return leftBehindAfter;
    }

    /** How long the previous webhook secret keeps signing after a rotation. */
    public Duration rotationOverlap() {
        return rotationOverlap;
    }

    public RetrySchedule retrySchedule() {
        return retrySchedule;
    }

    private static Duration duration(Function<String, Optional<String>> source, String key,
            String fallback) {
        String value = source.apply(key).orElse(fallback);
        try {
            Duration duration = Duration.parse(value.trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(key + " must be a positive ISO-8601 duration, got '" + value + "'");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as " + fallback + ", got '" + value + "'");
        }
    }
}
