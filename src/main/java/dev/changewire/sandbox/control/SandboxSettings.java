package dev.changewire.sandbox.control;

import dev.changewire.platform.control.QuotaDay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.Config;

/**
 * The sandbox's {@code changewire.sandbox.*} configuration. The access-token lifetime can be changed
 * at runtime (through the admin endpoint), so tests can watch a token expire without waiting a day.
 */
@ApplicationScoped
public class SandboxSettings {

    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofHours(24);

    @Inject
    Config config;

    private final AtomicReference<Duration> accessTokenLifetime = new AtomicReference<>();

    public boolean enabled() {
        return config.getOptionalValue("changewire.sandbox.enabled", Boolean.class).orElse(false);
    }

    /** The secret of the admin calls; without it they are closed. */
    public Optional<String> adminSecret() {
        return config.getOptionalValue("changewire.sandbox.admin-secret", String.class).filter(s -> !s.isBlank());
    }

    public Duration accessTokenLifetime() {
        Duration runtime = accessTokenLifetime.get();
        return runtime != null ? runtime : duration("changewire.sandbox.access-token-lifetime").orElse(DEFAULT_ACCESS_TOKEN_LIFETIME);
    }

    public void accessTokenLifetime(Duration lifetime) {
        accessTokenLifetime.set(lifetime);
    }

    /** Constant Contact's refresh tokens expire after 180 days without use. */
    public Duration refreshTokenIdleExpiry() {
        return duration("changewire.sandbox.refresh-token-idle-expiry").filter(d -> !d.isZero() && !d.isNegative())
                .orElse(Duration.ofDays(180));
    }

    /** Constant Contact's token endpoint allows 1 request a second per client id. */
    public int tokenRequestsPerSecond() {
        return config.getOptionalValue("changewire.sandbox.token-requests-per-second", Integer.class).orElse(1);
    }

    public int requestsPerSecond() {
        return config.getOptionalValue("changewire.sandbox.requests-per-second", Integer.class).orElse(4);
    }

    public int requestsPerDay() {
        return config.getOptionalValue("changewire.sandbox.requests-per-day", Integer.class).orElse(10_000);
    }

    /**
     * The day the daily quota is counted in: Constant Contact's UTC day, or whole minutes that divide a day
     * ({@code changewire.sandbox.quota-day}) so that tests live through a day's quota in minutes; Changewire's
     * {@code changewire.constantcontact.quota-day} must then be the same.
     */
    public QuotaDay quotaDay() {
        return QuotaDay.of("changewire.sandbox.quota-day", duration("changewire.sandbox.quota-day").orElse(null));
    }

    public boolean seed() {
        return config.getOptionalValue("changewire.sandbox.seed", Boolean.class).orElse(true);
    }

    public Optional<Duration> churnInterval() {
        return duration("changewire.sandbox.churn-interval").filter(d -> !d.isZero() && !d.isNegative());
    }

    public int maxAccounts() {
        return config.getOptionalValue("changewire.sandbox.max-accounts", Integer.class).orElse(1000);
    }

    public int maxRecordsPerAccount() {
        return config.getOptionalValue("changewire.sandbox.max-records-per-account", Integer.class).orElse(100_000);
    }

    private Optional<Duration> duration(String key) {
        Optional<String> value = config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(value.get().trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(key + " must be an ISO-8601 duration such as PT24H, not '" + value.get() + "'", e);
        }
    }
}
