package dev.changewire.polling.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.Objects;

/**
 * The poll position of one resource of one instance: its cursor (the largest changed timestamp seen
 * in records), its baseline, the progress of a pass that a run's page limit cut short, and what the
 * last runs saw. Written only inside a page's transaction or the run's bookkeeping transactions.
 */
@Entity
@Table(name = "poll_cursor")
@IdClass(ResourceCursor.Key.class)
public class ResourceCursor {

    /** The composite key (a plain class: EclipseLink sets its fields reflectively). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        Long instanceId;
        String resource;

        public Key() {
        }

        public Key(Long instanceId, String resource) {
            this.instanceId = instanceId;
            this.resource = resource;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(instanceId, k.instanceId) && Objects.equals(resource, k.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(instanceId, resource);
        }
    }

    public static final int MAX_TEXT = 2000;

    @Id
    @Column(name = "instance_id")
    private Long instanceId;

    @Id
    @Column(name = "resource", length = 100)
    private String resource;

    @Column(nullable = false)
    private Instant baseline;

    @Column(name = "cursor_at")
    private Instant cursorAt;

    @Column(name = "pass_since")
    private Instant passSince;

    @Column(name = "pass_started")
    private Instant passStarted;

    @Column(name = "pass_next_page", length = 8192)
    private String passNextPage;

    @Column(name = "pass_max")
    private Instant passMax;

    @Column(name = "last_run_started")
    private Instant lastRunStarted;

    @Column(name = "last_run_ended")
    private Instant lastRunEnded;

    @Column(name = "last_success")
    private Instant lastSuccess;

    @Column(name = "records_read", nullable = false)
    private long recordsRead;

    @Column(name = "events_recorded", nullable = false)
    private long eventsRecorded;

    @Column(name = "skipped_missing_id", nullable = false)
    private long skippedMissingId;

    @Column(name = "skipped_missing_date", nullable = false)
    private long skippedMissingDate;

    @Column(name = "skipped_bad_date", nullable = false)
    private long skippedBadDate;

    @Column(name = "last_skip", length = MAX_TEXT)
    private String lastSkip;

    @Column(name = "last_error_kind", length = 32)
    private String lastErrorKind;

    @Column(name = "last_error", length = MAX_TEXT)
    private String lastError;

    @Column(name = "last_error_at")
    private Instant lastErrorAt;

    /** Runs in a row that failed while the pass was past its first page (reset by a run without failure). */
    @Column(name = "pass_failures", nullable = false)
    private int passFailures;

    /** How often a failing pass was dropped and restarted from its window. */
    @Column(name = "pass_restarts", nullable = false)
    private long passRestarts;

    @Column(name = "last_pass_restart", length = MAX_TEXT)
    private String lastPassRestart;

    @Column(name = "last_pass_restart_at")
    private Instant lastPassRestartAt;

    protected ResourceCursor() {
    }

    public ResourceCursor(long instanceId, String resource, Instant baseline) {
        this.instanceId = instanceId;
        this.resource = resource;
        this.baseline = baseline;
    }

    public Long getInstanceId() {
        return instanceId;
    }

    public String getResource() {
        return resource;
    }

    public Instant getBaseline() {
        return baseline;
    }

    public Optional<Instant> cursor() {
        return Optional.ofNullable(cursorAt);
    }

    /** The pass in progress, or empty when the next run starts a new one. */
    public Optional<PollPass> pass() {
        if (passStarted == null) {
            return Optional.empty();
        }
        return Optional.of(new PollPass(passSince, passStarted, passNextPage, Optional.ofNullable(passMax)));
    }

    /** Stores the cursor and the pass progress (empty: the pass is complete). */
    public void moveTo(Optional<Instant> cursor, Optional<PollPass> pass) {
        this.cursorAt = cursor.orElse(null);
        this.passSince = pass.map(PollPass::since).orElse(null);
        this.passStarted = pass.map(PollPass::started).orElse(null);
        this.passNextPage = pass.map(PollPass::nextPage).orElse(null);
        this.passMax = pass.flatMap(PollPass::max).orElse(null);
    }

    public void runStarted(Instant at) {
        this.lastRunStarted = at;
    }

    public void runEnded(Instant at, boolean success) {
        this.lastRunEnded = at;
        if (success) {
            this.lastSuccess = at;
        }
    }

    /**
     * Counts a failed run of a pass past its first page; at {@code maxFailures} in a row the pass is
     * dropped, so the next run reads the resource's window again from its first page instead of
     * retrying the same page for ever.
     *
     * @return whether the pass was restarted
     */
    public boolean passFailed(String message, Instant at, int maxFailures) {
        if (passStarted == null || passNextPage == null) {
            return false;
        }
        passFailures++;
        if (passFailures < maxFailures) {
            return false;
        }
        moveTo(cursor(), Optional.empty());
        passFailures = 0;
        passRestarts++;
        lastPassRestart = clip("restarted from its window after " + maxFailures + " failed runs: " + message);
        lastPassRestartAt = at;
        return true;
    }

    public void passSucceeded() {
        passFailures = 0;
    }

    public int getPassFailures() {
        return passFailures;
    }

    public long getPassRestarts() {
        return passRestarts;
    }

    public String getLastPassRestart() {
        return lastPassRestart;
    }

    public Instant getLastPassRestartAt() {
        return lastPassRestartAt;
    }

    public void failed(String kind, String message, Instant at) {
        this.lastErrorKind = kind;
        this.lastError = clip(message);
        this.lastErrorAt = at;
    }

    public void counted(long read, long recorded, long missingId, long missingDate, long badDate, String skip) {
        this.recordsRead += read;
        this.eventsRecorded += recorded;
        this.skippedMissingId += missingId;
        this.skippedMissingDate += missingDate;
        this.skippedBadDate += badDate;
        if (skip != null) {
            this.lastSkip = clip(skip);
        }
    }

    public Instant getLastRunStarted() {
        return lastRunStarted;
    }

    public Instant getLastRunEnded() {
        return lastRunEnded;
    }

    public Instant getLastSuccess() {
        return lastSuccess;
    }

    public long getRecordsRead() {
        return recordsRead;
    }

    public long getEventsRecorded() {
        return eventsRecorded;
    }

    public long getSkippedMissingId() {
        return skippedMissingId;
    }

    public long getSkippedMissingDate() {
        return skippedMissingDate;
    }

    public long getSkippedBadDate() {
        return skippedBadDate;
    }

    public String getLastSkip() {
        return lastSkip;
    }

    public String getLastErrorKind() {
        return lastErrorKind;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getLastErrorAt() {
        return lastErrorAt;
    }

    static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }
}
