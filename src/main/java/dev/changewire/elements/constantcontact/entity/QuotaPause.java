package dev.changewire.elements.constantcontact.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An API key whose daily quota is spent: no request goes out with it before {@link #getPausedUntil()}. */
@Entity
@Table(name = "provider_quota_pause")
public class QuotaPause {

    @Id
    @Column(name = "api_key_hash", length = 64)
    private String apiKeyHash;

    @Column(name = "paused_until", nullable = false)
    private Instant pausedUntil;

    @Column(length = 1000)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected QuotaPause() {
    }

    public QuotaPause(String apiKeyHash, Instant pausedUntil, String reason) {
        this.apiKeyHash = apiKeyHash;
        this.createdAt = Instant.now();
        extend(pausedUntil, reason);
    }

    public String getApiKeyHash() {
        return apiKeyHash;
    }

    public Instant getPausedUntil() {
        return pausedUntil;
    }

    public String getReason() {
        return reason;
    }

    public void extend(Instant until, String reason) {
        if (pausedUntil == null || until.isAfter(pausedUntil)) {
            this.pausedUntil = until;
        }
        this.reason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    }
}
