package dev.changewire.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An instance's delivery state. No row means active and no rotation under way: the row is written
 * the first time something changes.
 */
@Entity
@Table(name = "delivery_subscription")
public class DeliverySubscription {

    @Id
    @Column(name = "instance_id")
    private Long instanceId;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(length = 1000)
    private String reason;

    @Column(name = "previous_secret_encrypted", length = 1000)
    private String previousSecretEncrypted;

    @Column(name = "previous_secret_expires_at")
    private Instant previousSecretExpiresAt;

    protected DeliverySubscription() {
    }

    public DeliverySubscription(long instanceId, Instant now) {
        this.instanceId = instanceId;
        this.active = true;
        this.changedAt = now;
    }

    public long getInstanceId() {
        return instanceId;
    }

    public boolean isActive() {
        return active;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public String getReason() {
        return reason;
    }

    public void activate(Instant now) {
        this.active = true;
        this.reason = null;
        this.changedAt = now;
    }

    public void deactivate(Instant now, String reason) {
        this.active = false;
        this.reason = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
        this.changedAt = now;
    }

    public String getPreviousSecretEncrypted() {
        return previousSecretEncrypted;
    }

    public Instant getPreviousSecretExpiresAt() {
        return previousSecretExpiresAt;
    }

    public void keepPreviousSecret(String encrypted, Instant expiresAt) {
        this.previousSecretEncrypted = encrypted;
        this.previousSecretExpiresAt = expiresAt;
    }
}
