package dev.changewire.hubs.boundary;

import dev.changewire.hubs.entity.ProviderUnavailable;
import java.time.Duration;
import java.time.Instant;

/**
 * How a provider failure shows on the hub (Cloud Elements' error body, the provider's words in
 * {@code providerMessage}): 429 with {@code Retry-After} for a spent quota or the rate limit, 502 for a
 * provider that fails or does not answer, the provider's own 4xx when it refused the request, and
 * 401 when the instance's Constant Contact authorization is gone (invalid_grant: re-provision it),
 * as Cloud Elements passes a provider's 401 on.
 */
record HubErrors(int status, String message, String providerMessage, Long retryAfterSeconds) {

    static HubErrors of(ProviderUnavailable e, Instant now) {
        return switch (e.kind()) {
            case QUOTA_PAUSED -> new HubErrors(429, e.getMessage(), e.providerMessage(), retryAfter(e.until(), now, 60));
            case RATE_LIMITED -> new HubErrors(429, e.getMessage(), e.providerMessage(), retryAfter(e.until(), now, 1));
            case INVALID_CREDENTIALS -> new HubErrors(401, e.getMessage(), e.providerMessage(), null);
            case PROVIDER_REJECTED -> new HubErrors(e.providerStatus() >= 400 && e.providerStatus() < 500 ? e.providerStatus() : 502,
                    e.getMessage(), e.providerMessage(), null);
            case PROVIDER_ERROR -> new HubErrors(502, e.getMessage(), e.providerMessage(), null);
        };
    }

    /** Whole seconds until {@code until}, rounded up, at least 1; {@code fallback} when unknown. */
    static long retryAfter(Instant until, Instant now, long fallback) {
        if (until == null) {
            return fallback;
        }
        Duration left = Duration.between(now, until);
        long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
