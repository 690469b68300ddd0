package dev.changewire.notifications.control;

import dev.changewire.notifications.entity.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to try a notification again: the first attempt goes at once, attempt {@code n + 1} waits the
 * n-th delay of {@code changewire.delivery.retry-schedule} (default Svix's: 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 10 h), give or take 20% so that receivers that failed together are not hit together.
 * A {@code Retry-After} is honoured within 1x to 2x the scheduled delay (a receiver cannot stall
 * delivery for days, nor ask for a hammering); after a 429 or a timeout the wait is at least a minute.
 */
public final class RetrySchedule {

    public static final String KEY = "changewire.delivery.retry-schedule";
    public static final String DEFAULT = "PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H";
    static final double JITTER = 0.2;
    static final Duration SLOW_DOWN_MINIMUM = Duration.ofSeconds(60);
    static final int MAX_RETRIES = 50;
    private static final int MAX_SPEC_LENGTH = 2000;

    private final List<Duration> delays;
    private final DoubleSupplier uniform;

    /**
     * @param delays  the wait before each retry, in order
     * @param uniform random numbers in [0, 1) for the jitter (injected so tests can pin it)
     */
    public RetrySchedule(List<Duration> delays, DoubleSupplier uniform) {
        if (delays.isEmpty() || delays.size() > MAX_RETRIES) {
            throw new IllegalArgumentException(KEY + " must list 1 to " + MAX_RETRIES + " delays, not " + delays.size());
        }
        for (Duration delay : delays) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException(KEY + " must not contain a negative delay: " + delay);
            }
        }
        this.delays = List.copyOf(delays);
        this.uniform = uniform;
    }

    /** The configured schedule with a thread-safe random source. */
    public static RetrySchedule parse(String spec) {
        return parse(spec, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Parses a comma-separated list of ISO-8601 durations, e.g. {@code PT5S,PT5M,PT1H}.
     *
     * @throws IllegalArgumentException naming the key and the entry that is wrong
     */
    public static RetrySchedule parse(String spec, DoubleSupplier uniform) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(KEY + " must list ISO-8601 durations separated by commas, e.g. " + DEFAULT);
        }
        if (spec.length() > MAX_SPEC_LENGTH) {
            throw new IllegalArgumentException(KEY + " is longer than " + MAX_SPEC_LENGTH + " characters");
        }
        String[] entries = spec.split(",", -1);
        if (entries.length > MAX_RETRIES) {
            throw new IllegalArgumentException(KEY + " must list 1 to " + MAX_RETRIES + " delays, not " + entries.length);
        }
        List<Duration> delays = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            try {
                delays.add(Duration.parse(entry));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(KEY + ": entry " + (i + 1) + " '" + entry
                        + "' is not an ISO-8601 duration such as PT30S, PT5M or PT2H");
            }
        }
        return new RetrySchedule(delays, uniform);
    }

    /** The first attempt plus one per delay. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    public List<Duration> delays() {
        return delays;
    }

    /**
     * How long to wait after attempt {@code failedAttempt} (1 = the first) failed, or empty when that
     * was the last attempt.
     *
     * @param outcome    the failed attempt's classification (a retrying one)
     * @param retryAfter the receiver's {@code Retry-After}, see {@link #retryAfter(String, Instant)}
     */
    public Optional<Duration> delayAfter(int failedAttempt, DeliveryOutcome outcome, Optional<Duration> retryAfter) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + failedAttempt);
        }
        if (!outcome.retry()) {
            throw new IllegalArgumentException(outcome + " is not a failure to retry");
        }
        if (failedAttempt > delays.size()) {
            return Optional.empty();
        }
        Duration scheduled = delays.get(failedAttempt - 1);
        Duration delay = retryAfter
                .map(asked -> clamp(asked, scheduled, scheduled.multipliedBy(2)))
                .orElseGet(() -> jittered(scheduled));
        if (outcome == DeliveryOutcome.RETRY_SLOW_DOWN && delay.compareTo(SLOW_DOWN_MINIMUM) < 0) {
            delay = SLOW_DOWN_MINIMUM;
        }
        return Optional.of(delay);
    }

    /** {@link #delayAfter} as a point in time, for storing a notification's next attempt. */
    public Optional<Instant> nextAttempt(Instant failedAt, int failedAttempt, DeliveryOutcome outcome,
                                         Optional<Duration> retryAfter) {
        return delayAfter(failedAttempt, outcome, retryAfter).map(failedAt::plus);
    }

    /**
     * A {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 1123). Empty when absent or
     * unreadable (then the schedule alone decides); a date in the past reads as zero.
     */
    public static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // more digits than a long holds is still "a very long time"; the clamp takes care of it
            return Optional.of(trimmed.length() > 12 ? Duration.ofSeconds(999_999_999_999L) : Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Duration jittered(Duration scheduled) {
        double factor = 1 - JITTER + 2 * JITTER * uniform.getAsDouble();
        return Duration.ofMillis(Math.round(scheduled.toMillis() * factor));
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }
}
