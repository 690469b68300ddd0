package dev.changewire.polling.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An instance's poll lease, next due time and pause. Claims and releases are conditional UPDATEs
 * (see {@code PollLease}); this mapping only reads the row and creates it.
 */
@Entity
@Table(name = "poll_state")
public class PollState {

    @Id
    @Column(name = "instance_id")
    private Long instanceId;

    @Column(name = "lease_owner", length = 100)
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "next_due")
    private Instant nextDue;

    @Column(name = "paused_until")
    private Instant pausedUntil;

    @Column(name = "pause_reason", length = 2000)
    private String pauseReason;

    @Column(name = "last_run_started")
    private Instant lastRunStarted;

    @Column(name = "last_run_ended")
    private Instant lastRunEnded;

    @Column(name = "last_run_trigger", length = 16)
    private String lastRunTrigger;

    @Column(name = "last_error", length = 2000)
    private String lastError;

    /** What a run of this instance costs in provider requests, averaged over its recent runs (null before its first). */
    @Column(name = "requests_per_run")
    private Double requestsPerRun;

    protected PollState() {
    }

    public PollState(long instanceId) {
        this.instanceId = instanceId;
    }

    public Long getInstanceId() {
        return instanceId;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public Instant getLeaseUntil() {
        return leaseUntil;
    }

    public Instant getNextDue() {
        return nextDue;
    }

    public Instant getPausedUntil() {
        return pausedUntil;
    }

    public String getPauseReason() {
        return pauseReason;
    }

    public Instant getLastRunStarted() {
        return lastRunStarted;
    }

    public Instant getLastRunEnded() {
        return lastRunEnded;
    }

    public String getLastRunTrigger() {
        return lastRunTrigger;
    }

    public String getLastError() {
        return lastError;
    }

    public Double getRequestsPerRun() {
        return requestsPerRun;
    }
}
