package dev.changewire.elements.constantcontact.control;

import dev.changewire.platform.control.QuotaDay;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.Config;

/**
 * Constant Contact's limits per API key and how Changewire keeps under them.
 * <p>
 * Per second: a bucket of {@code requestsPerSecond} tokens refilled all at once at every epoch
 * second ({@code refillIntervallyAligned}), so our sends are counted in the same seconds that
 * Constant Contact (and the sandbox) count arrivals in. A request that would leave in the last
 * {@code tailGuard} of a second waits for the next one instead, so a send that takes up to
 * {@code tailGuard} to arrive still lands in the second it was counted in. Under load the tokens
 * come at the start of each second, so the throughput stays the full {@code requestsPerSecond}; only a
 * lone request in a second's tail waits (at most {@code tailGuard}).
 * <p>
 * Per day: a bucket of {@code requestsPerDay} refilled at every 00:00 UTC, or at the end of each shortened
 * {@link QuotaDay} ({@code changewire.constantcontact.quota-day}, for tests and demonstrations).
 */
public record RateLimitSettings(int requestsPerSecond, int requestsPerDay, Duration tailGuard, Duration maxWait, QuotaDay day) {

    public static final int DEFAULT_PER_SECOND = 4;
    public static final int DEFAULT_PER_DAY = 10_000;
    public static final Duration DEFAULT_TAIL_GUARD = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);
    static final String DAY_KEY = "changewire.constantcontact.quota-day";

    public RateLimitSettings {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("changewire.constantcontact.requests-per-second must be at least 1, not " + requestsPerSecond);
        }
        if (requestsPerDay < 1) {
            throw new IllegalArgumentException("changewire.constantcontact.requests-per-day must be at least 1, not " + requestsPerDay);
        }
        if (tailGuard.isNegative() || tailGuard.compareTo(Duration.ofMillis(900)) > 0) {
            throw new IllegalArgumentException("changewire.constantcontact.rate-tail-guard must be 0 to PT0.9S, not " + tailGuard);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("changewire.constantcontact.max-rate-wait must not be negative");
        }
        if (day == null) {
            throw new IllegalArgumentException(DAY_KEY + " must be set");
        }
    }

    public static RateLimitSettings from(Config config) {
        return new RateLimitSettings(
                config.getOptionalValue("changewire.constantcontact.requests-per-second", Integer.class).orElse(DEFAULT_PER_SECOND),
                config.getOptionalValue("changewire.constantcontact.requests-per-day", Integer.class).orElse(DEFAULT_PER_DAY),
                config.getOptionalValue("changewire.constantcontact.rate-tail-guard", Duration.class).orElse(DEFAULT_TAIL_GUARD),
                config.getOptionalValue("changewire.constantcontact.max-rate-wait", Duration.class).orElse(DEFAULT_MAX_WAIT),
                QuotaDay.of(DAY_KEY, config.getOptionalValue(DAY_KEY, Duration.class).orElse(null)));
    }

    /** The same settings with a key's own limits. */
    public RateLimitSettings withLimits(int perSecond, int perDay) {
        return new RateLimitSettings(perSecond, perDay, tailGuard, maxWait, day);
    }

    /** When the quota day that {@code now} falls in ends and the budget renews: the next 00:00 UTC for Constant Contact's day. */
    public Instant dayEnds(Instant now) {
        return day.ends(now);
    }

    public BucketConfiguration perSecond(Instant now) {
        Instant nextSecond = Instant.ofEpochSecond(now.getEpochSecond() + 1);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(requestsPerSecond)
                        .refillIntervallyAligned(requestsPerSecond, Duration.ofSeconds(1), nextSecond).build())
                .build();
    }

    public BucketConfiguration perDay(Instant now) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(requestsPerDay)
                        .refillIntervallyAligned(requestsPerDay, day.length(), dayEnds(now)).build())
                .build();
    }

    /** How long to hold a request that would leave at {@code epochMillis}: 0 unless it falls in a second's guarded tail. */
    public long tailWaitMillis(long epochMillis) {
        long intoSecond = Math.floorMod(epochMillis, 1000L);
        long guard = tailGuard.toMillis();
        return guard > 0 && intoSecond >= 1000 - guard ? 1000 - intoSecond : 0;
    }
}
