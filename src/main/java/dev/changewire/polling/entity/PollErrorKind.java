package dev.changewire.polling.entity;

/**
 * Why a resource's part of a poll run failed. The run summary, the poller status ({@code lastErrorKind})
 * and the {@code changewire.poller.errors} metric name it; the cursor stores its name.
 */
public enum PollErrorKind {
    /** the API key's daily quota is spent: the instance pauses until the provider's reset */
    QUOTA_PAUSED(false),
    /** the provider refused the refresh token: the instance needs a new authorization */
    INVALID_CREDENTIALS(false),
    /** throttled beyond the retries allowed */
    RATE_LIMITED(false),
    /** 5xx, timeouts, connection failures beyond the retries allowed */
    PROVIDER_ERROR(true),
    /** the provider refused the request (a 4xx other than the above) */
    PROVIDER_REJECTED(true),
    /** the resource's URL template does not expand to a query the hub reads */
    BAD_CONFIGURATION(true),
    /** the hub refused the query or the page token */
    BAD_QUERY(true),
    /** no hub reader is deployed */
    NO_HUB(true),
    /** another node took over the run's lease (this node stalled past it) */
    LEASE_LOST(false),
    /** anything else: a defect or a database failure, logged with its stack trace */
    INTERNAL(true);

    private final boolean passFault;

    PollErrorKind(boolean passFault) {
        this.passFault = passFault;
    }

    /**
     * Whether the failure counts towards restarting the pass from its window
     * ({@code changewire.poller.max-pass-failures}): waits the provider imposes, refused credentials and
     * a lost lease are not the pass's fault, and reading the pass again would not help.
     */
    public boolean countsAgainstThePass() {
        return passFault;
    }

    /** Whether the run reads nothing more after it: the quota is spent, the credentials are refused, the lease is lost. */
    public boolean stopsTheRun() {
        return this == QUOTA_PAUSED || this == INVALID_CREDENTIALS || this == LEASE_LOST;
    }
}
