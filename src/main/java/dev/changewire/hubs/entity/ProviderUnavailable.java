package dev.changewire.hubs.entity;

import java.time.Instant;

/**
 * Why the provider could not answer a hub read. The poller keeps its cursors on every one of these;
 * the hub's HTTP boundary maps them to Cloud Elements' error body.
 */
public class ProviderUnavailable extends RuntimeException {

    public enum Kind {
        /** the API key's daily quota is spent; nothing is sent until {@link #until()} */
        QUOTA_PAUSED,
        /** refresh token refused (invalid_grant): the instance needs re-provisioning */
        INVALID_CREDENTIALS,
        /** throttled beyond the retries allowed */
        RATE_LIMITED,
        /** 5xx, timeouts, connection failures beyond the retries allowed */
        PROVIDER_ERROR,
        /** the provider refused the request (4xx other than the above) */
        PROVIDER_REJECTED
    }

    private final Kind kind;
    private final int providerStatus;
    private final String providerMessage;
    private final Instant until;

    public ProviderUnavailable(Kind kind, String message, int providerStatus, String providerMessage, Instant until) {
        super(message);
        this.kind = kind;
        this.providerStatus = providerStatus;
        this.providerMessage = providerMessage;
        this.until = until;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's HTTP status, 0 when there was no answer. */
    public int providerStatus() {
        return providerStatus;
    }

    public String providerMessage() {
        return providerMessage;
    }

    /** For QUOTA_PAUSED: when the pause ends; for RATE_LIMITED: when to retry. Else null. */
    public Instant until() {
        return until;
    }
}
