package dev.changewire.polling.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The progress of one sweep of one resource of one instance: the pass in progress (when it started and
 * the page to read next), and what the last complete pass found. Written in the page's transaction.
 */
@Entity
@Table(name = "poll_sweep")
@IdClass(SweepState.Key.class)
public class SweepState {

    /** The composite key (a plain class: EclipseLink sets its fields reflectively). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        Long instanceId;
        String resource;
        String sweep;

        public Key() {
        }

        public Key(Long instanceId, String resource, String sweep) {
            this.instanceId = instanceId;
            this.resource = resource;
            this.sweep = sweep;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(instanceId, k.instanceId) && Objects.equals(resource, k.resource)
                    && Objects.equals(sweep, k.sweep);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceId, resource, sweep);
        }
    }

    @Id
    @Column(name = "instance_id")
    private Long instanceId;

    @Id
    @Column(name = "resource", length = 100)
    private String resource;

    @Id
    @Column(name = "sweep", length = 100)
    private String sweep;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "next_page", length = 8192)
    private String nextPage;

    @Column(name = "pass_read")
    private long passRead;

    @Column(name = "pass_events")
    private long passEvents;

    @Column(name = "last_started_at")
    private Instant lastStartedAt;

    @Column(name = "last_completed_at")
    private Instant lastCompletedAt;

    @Column(name = "last_read")
    private long lastRead;

    @Column(name = "last_events")
    private long lastEvents;

    @Column(name = "last_gone")
    private long lastGone;

    @Column(name = "last_error", length = ResourceCursor.MAX_TEXT)
    private String lastError;

    @Column(name = "last_error_at")
    private Instant lastErrorAt;

    protected SweepState() {
    }

    public SweepState(long instanceId, String resource, String sweep) {
        this.instanceId = instanceId;
        this.resource = resource;
        this.sweep = sweep;
    }

    /**
     * Whether a pass is to run now: one is in progress, or the interval since the last one started has
     * passed ({@code since} stands in for the first: the moment the resource was enabled).
     */
    public boolean isDue(Duration interval, Instant since, Instant now) {
        if (startedAt != null) {
            return true;
        }
        Instant last = lastStartedAt != null ? lastStartedAt : since;
        return !last.plus(interval).isAfter(now);
    }

    /** Starts a pass unless one is in progress. */
    public void start(Instant now) {
        if (startedAt == null) {
            startedAt = now;
            nextPage = null;
            passRead = 0;
            passEvents = 0;
        }
    }

    /** A page is recorded; {@code next} is the page after it, or null at the end of the listing. */
    public void paged(String next, int read, int events) {
        nextPage = next;
        passRead += read;
        passEvents += events;
    }

    /** The pass ended: it read every page; {@code gone} records were found deleted by their absence. */
    public void completed(Instant now, long gone) {
        lastStartedAt = startedAt;
        lastCompletedAt = now;
        lastRead = passRead;
        lastEvents = passEvents + gone;
        lastGone = gone;
        startedAt = null;
        nextPage = null;
        lastError = null;
    }

    /** A page failed: the pass keeps its place and resumes there (a fault never completes a pass). */
    public void failed(String error, Instant at) {
        lastError = error == null ? null : error.length() > ResourceCursor.MAX_TEXT ? error.substring(0, ResourceCursor.MAX_TEXT) : error;
        lastErrorAt = at;
    }

    /** Drops the pass in progress: the next one starts over (its page token is no longer taken). */
    public void restart() {
        startedAt = null;
        nextPage = null;
    }

    /** Whether no pass of this sweep has completed yet: its first pass is its baseline. */
    public boolean isFirstPass() {
        return lastCompletedAt == null;
    }

    public String getSweep() {
        return sweep;
    }

    public String getResource() {
        return resource;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public String getNextPage() {
        return nextPage;
    }

    public long getPassRead() {
        return passRead;
    }

    public Instant getLastStartedAt() {
        return lastStartedAt;
    }

    public Instant getLastCompletedAt() {
        return lastCompletedAt;
    }

    public long getLastRead() {
        return lastRead;
    }

    public long getLastEvents() {
        return lastEvents;
    }

    public long getLastGone() {
        return lastGone;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getLastErrorAt() {
        return lastErrorAt;
    }
}
