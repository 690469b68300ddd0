package dev.changewire.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One detected change of one provider record: CREATED, UPDATED or DELETED. */
@Entity
@Table(name = "change_event")
public class ChangeEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "change_event_seq")
    @SequenceGenerator(name = "change_event_seq", sequenceName = "change_event_seq", allocationSize = 50)
    private Long id;

    @Column(name = "instance_id", nullable = false)
    private long instanceId;

    @Column(name = "organization_id", nullable = false)
    private long organizationId;

    @Column(name = "object_type", nullable = false)
    private String objectType;

    @Column(name = "object_id", nullable = false, length = 1024)
    private String objectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, length = 16)
    private ChangeType eventType;

    @Column(name = "event_date", nullable = false)
    private Instant eventDate;

    @Column(name = "version_at", nullable = false)
    private Instant versionAt;

    @Column(name = "detected_at", nullable = false)
    private Instant detectedAt;

    /**
     * The content hash of the version this event reports (null for events recorded before hashes existed):
     * two versions with the same second-precision date are two events, and the same version twice is one.
     */
    @Column(name = "content_hash", length = 64)
    private String contentHash;

    @Column(nullable = false, length = 1048576)
    private String record;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private EventStatus status;

    protected ChangeEvent() {
    }

    public ChangeEvent(long instanceId, long organizationId, String objectType, String objectId, ChangeType eventType,
            Instant eventDate, Instant versionAt, String contentHash, Instant detectedAt, String record, EventStatus status) {
        this.instanceId = instanceId;
        this.organizationId = organizationId;
        this.objectType = objectType;
        this.objectId = objectId;
        this.eventType = eventType;
        this.eventDate = eventDate;
        this.versionAt = versionAt;
        this.contentHash = contentHash;
        this.detectedAt = detectedAt;
        this.record = record;
        this.status = status;
    }

    public Long getId() {
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

    public String getObjectId() {
        return objectId;
    }

    public ChangeType getEventType() {
        return eventType;
    }

    public Instant getEventDate() {
        return eventDate;
    }

    public Instant getVersionAt() {
        return versionAt;
    }

    public Instant getDetectedAt() {
        return detectedAt;
    }

    /** The normalized record as JSON text (the notification's {@code raw}). */
    public String getRecord() {
        return record;
    }

    public EventStatus getStatus() {
        return status;
    }

    public void setStatus(EventStatus status) {
        this.status = status;
    }
}
