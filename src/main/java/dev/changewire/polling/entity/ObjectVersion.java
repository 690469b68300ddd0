package dev.changewire.polling.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import dev.changewire.events.entity.ChangeType;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The latest change recorded for one object of one resource: what a re-read record is compared with. */
@Entity
@Table(name = "poll_object_version")
@IdClass(ObjectVersion.Key.class)
public class ObjectVersion {

    /** The composite key (a plain class: EclipseLink sets its fields reflectively). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        Long instanceId;
        String resource;
        String objectId;

        public Key() {
        }

        public Key(Long instanceId, String resource, String objectId) {
            this.instanceId = instanceId;
            this.resource = resource;
            this.objectId = objectId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(instanceId, k.instanceId)
                    && Objects.equals(resource, k.resource) && Objects.equals(objectId, k.objectId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceId, resource, objectId);
        }
    }

    @Id
    @Column(name = "instance_id")
    private Long instanceId;

    @Id
    @Column(name = "resource", length = 100)
    private String resource;

    @Id
    @Column(name = "object_id", length = 1024)
    private String objectId;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_type", nullable = false, length = 16)
    private ChangeType changeType;

    /** The content hash of that version ({@code RecordContent}); null for versions recorded before V7. */
    @Column(name = "content_hash", length = 64)
    private String contentHash;

    /** When a listing last showed this object (a poll's page or a sweep's); null for versions recorded before V11. */
    @Column(name = "seen_at")
    private Instant seenAt;

    protected ObjectVersion() {
    }

    public ObjectVersion(long instanceId, String resource, String objectId, Instant changedAt, ChangeType changeType,
            String contentHash) {
        this.instanceId = instanceId;
        this.resource = resource;
        this.objectId = objectId;
        this.changedAt = changedAt;
        this.changeType = changeType;
        this.contentHash = contentHash;
    }

    public String getObjectId() {
        return objectId;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public ChangeType getChangeType() {
        return changeType;
    }

    public String getContentHash() {
        return contentHash;
    }

    public void recorded(Instant changedAt, ChangeType changeType, String contentHash) {
        this.changedAt = changedAt;
        this.changeType = changeType;
        this.contentHash = contentHash;
    }

    /** A listing showed the object at {@code at}. */
    public void seen(Instant at) {
        this.seenAt = at;
    }

    public Instant getSeenAt() {
        return seenAt;
    }
}
