package dev.changewire.elements.constantcontact.control;

import java.time.Duration;
import java.time.Instant;

/**
 * When an access token is good to send: known, and not expiring within the margin. An unknown expiry
 * counts as good (the provider's 401 will tell otherwise, and a 401 refreshes once).
 */
public final class TokenFreshness {

    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(60);

    private TokenFreshness() {
    }

    public static boolean usable(String accessToken, Instant expiresAt, Instant now, Duration margin) {
        if (accessToken == null || accessToken.isBlank()) {
            return false;
        }
        return expiresAt == null || expiresAt.isAfter(now.plus(margin));
    }

    /**
     * Under the row lock: is the stored token one someone else just refreshed (use it), or must this
     * caller refresh? {@code stale} is the token the caller found wanting (null when it had none).
     * A forced refresh (after a 401) never reuses the token that got the 401.
     */
    public static boolean refreshedMeanwhile(String stored, Instant storedExpiresAt, String stale, Instant now, Duration margin) {
        if (stored == null || stored.equals(stale)) {
            return false;
        }
        return usable(stored, storedExpiresAt, now, margin);
    }

    /**
     * The margin for tokens that live shorter than twice the configured margin (the sandbox issues
     * tokens of a few seconds): a quarter of their life, so a token is not refreshed on every call.
     */
    public static Duration margin(Duration configured, Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.compareTo(configured.multipliedBy(2)) >= 0) {
            return configured;
        }
        return lifetime.dividedBy(4);
    }
}
