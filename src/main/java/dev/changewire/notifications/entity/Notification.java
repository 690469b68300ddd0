package dev.changewire.notifications.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One callback's worth of events (1 to 10 of one instance and resource), stored before its first
 * attempt. Its id is the message id the receiver sees on every attempt.
 */
@Entity
@Table(name = "notification")
public class Notification {

    /** The longest body kept as text (the column's size); a larger one is rebuilt from the events. */
    public static final int MAX_STORED_BODY = 1_048_576;

    @Id
    private String id;

    @Column(name = "instance_id", nullable = false)
    private long instanceId;

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "object_type", nullable = false)
    private String objectType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private NotificationStatus status;

    @Column(name = "ordering_at", nullable = false)
    private Instant orderingAt;

    @Column(name = "first_event_id", nullable = false)
    private long firstEventId;

    @Column(name = "event_count", nullable = false)
    private int eventCount;

    @Column(length = MAX_STORED_BODY)
    private String body;

    /** The {@link NotificationFormat}'s name; null for notifications stored before formats existed (Cloud Elements'). */
    @Column(name = "body_format", length = 32)
    private String bodyFormat;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "round_attempts", nullable = false)
    private int roundAttempts;

    @Column(name = "attempts_total", nullable = false)
    private int attemptsTotal;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claim_owner", length = 64)
    private String claimOwner;

    @Column(name = "claim_expires_at")
    private Instant claimExpiresAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "notification_event", joinColumns = @JoinColumn(name = "notification_id"))
    @OrderColumn(name = "position")
    @Column(name = "event_id", nullable = false)
    private List<Long> eventIds = new ArrayList<>();

    protected Notification() {
    }

    public Notification(String id, long instanceId, long organizationId, String objectType, NotificationStatus status,
            Instant orderingAt, List<Long> eventIds, Instant createdAt) {
        this.id = id;
        this.instanceId = instanceId;
        this.organizationId = organizationId;
        this.objectType = objectType;
        this.status = status;
        this.orderingAt = orderingAt;
        this.firstEventId = eventIds.get(0);
        this.eventCount = eventIds.size();
        this.eventIds.addAll(eventIds);
        this.createdAt = createdAt;
        this.nextAttemptAt = status == NotificationStatus.PENDING ? createdAt : null;
    }

    public String getId() {
        return id;
    }

    public long getInstanceId() {
        return instanceId;
    }

    public long getOrganizationId() {
        return organizationId;
    }

    public String getObjectType() {
        return objectType;
    }

    public NotificationStatus getStatus() {
        return status;
    }

    public void setStatus(NotificationStatus status) {
        this.status = status;
    }

    public Instant getOrderingAt() {
        return orderingAt;
    }

    public long getFirstEventId() {
        return firstEventId;
    }

    public List<Long> getEventIds() {
        return eventIds;
    }

    /** The stored body bytes, or null when they were too large to keep. */
    public byte[] getBodyBytes() {
        return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    }

    public void setBodyBytes(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        this.body = text.length() <= MAX_STORED_BODY ? text : null;
    }

    public NotificationFormat getBodyFormat() {
        return NotificationFormat.stored(bodyFormat);
    }

    public void setBodyFormat(NotificationFormat format) {
        this.bodyFormat = format.name();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public int getRoundAttempts() {
        return roundAttempts;
    }

    public int getAttemptsTotal() {
        return attemptsTotal;
    }

    public void countAttempt() {
        roundAttempts++;
        attemptsTotal++;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public void setNextAttemptAt(Instant nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    public String getClaimOwner() {
        return claimOwner;
    }

    public Instant getClaimExpiresAt() {
        return claimExpiresAt;
    }

    public void releaseClaim() {
        this.claimOwner = null;
        this.claimExpiresAt = null;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public void setDeliveredAt(Instant deliveredAt) {
        this.deliveredAt = deliveredAt;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError == null || lastError.length() <= 1000 ? lastError : lastError.substring(0, 1000);
    }

    /** A fresh round of attempts, due now: what a redelivery does. */
    public void redeliver(Instant now) {
        this.status = NotificationStatus.PENDING;
        this.roundAttempts = 0;
        this.nextAttemptAt = now;
        this.deliveredAt = null;
        releaseClaim();
    }
}
