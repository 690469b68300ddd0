package dev.changewire.polling.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** The operator's poller settings ({@code changewire.poller.*}), read once at startup. */
@ApplicationScoped
public class PollerSettings {

    public static final String LEASE_KEY = "changewire.poller.lease";
    public static final String MAX_PAGES_KEY = "changewire.poller.max-pages-per-run";
    public static final String RECONCILE_KEY = "changewire.poller.reconcile-interval";
    public static final String ENABLED_KEY = "changewire.poller.enabled";
    public static final String START_DELAY_KEY = "changewire.poller.start-delay";
    public static final String MAX_PASS_FAILURES_KEY = "changewire.poller.max-pass-failures";
    public static final String CONCURRENCY_KEY = "changewire.poller.concurrency";
    public static final String QUEUE_CAPACITY_KEY = "changewire.poller.queue-capacity";
    public static final String DEGRADED_LAG_KEY = "changewire.poller.degraded-lag";
    public static final String DOWN_LAG_KEY = "changewire.poller.down-lag";
    public static final String SWEEP_GONE_FRACTION_KEY = "changewire.poller.sweep.max-gone-fraction";
    public static final String SWEEP_GONE_ALWAYS_KEY = "changewire.poller.sweep.always-allowed-gone";
    public static final String SWEEP_GONE_PER_PASS_KEY = "changewire.poller.sweep.max-gone-per-pass";
    public static final String SWEEP_CLOCK_SKEW_KEY = "changewire.poller.sweep.clock-skew";
    public static final String QUOTA_RESERVE_KEY = "changewire.poller.quota-reserve";
    static final int MAX_PASS_FAILURES_LIMIT = 1000;
    /** Runners per node at most: a run mostly waits on the provider, but each holds a thread and a database connection at times. */
    public static final int MAX_CONCURRENCY = 64;
    static final int MAX_QUEUE_CAPACITY = 1_000_000;

    @Inject
    Config config;

    private Duration overlap;
    private Duration lease;
    private Duration minimumInterval;
    private Duration reconcileInterval;
    private int maxPagesPerRun;
    private int maxPassFailures;
    private Duration startDelay;
    private boolean enabled;
    private String nodeId;
    private int concurrency;
    private int queueCapacity;
    private Duration degradedLag;
    private Duration downLag;
    private SweepBounds sweepBounds;
    private double quotaReserve;

    @PostConstruct
    void read() {
        overlap = duration(PollWindow.OVERLAP_KEY, PollWindow.DEFAULT_OVERLAP);
        lease = duration(LEASE_KEY, Duration.ofMinutes(5));
        minimumInterval = duration(RefreshInterval.MINIMUM_KEY, RefreshInterval.DEFAULT_MINIMUM);
        reconcileInterval = duration(RECONCILE_KEY, Duration.ofSeconds(30));
        startDelay = duration(START_DELAY_KEY, Duration.ofSeconds(15));
        maxPagesPerRun = config.getOptionalValue(MAX_PAGES_KEY, Integer.class).orElse(50);
        if (maxPagesPerRun < 1) {
            throw new IllegalStateException(MAX_PAGES_KEY + " must be at least 1, got " + maxPagesPerRun);
        }
        maxPassFailures = config.getOptionalValue(MAX_PASS_FAILURES_KEY, Integer.class).orElse(3);
        if (maxPassFailures < 1 || maxPassFailures > MAX_PASS_FAILURES_LIMIT) {
            throw new IllegalStateException(MAX_PASS_FAILURES_KEY + " must be 1 to " + MAX_PASS_FAILURES_LIMIT + ", got " + maxPassFailures);
        }
        enabled = config.getOptionalValue(ENABLED_KEY, Boolean.class).orElse(true);
        // runs mostly wait on the provider: 8 keep 2 cores busy without holding many connections (bench/poller-capacity.md)
        concurrency = config.getOptionalValue(CONCURRENCY_KEY, Integer.class).orElse(8);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalStateException(CONCURRENCY_KEY + " must be 1 to " + MAX_CONCURRENCY + ", got " + concurrency);
        }
        queueCapacity = config.getOptionalValue(QUEUE_CAPACITY_KEY, Integer.class).orElse(50_000);
        if (queueCapacity < 1 || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalStateException(QUEUE_CAPACITY_KEY + " must be 1 to " + MAX_QUEUE_CAPACITY + ", got " + queueCapacity);
        }
        try {
            sweepBounds = new SweepBounds(config.getOptionalValue(SWEEP_GONE_FRACTION_KEY, Double.class).orElse(0.5),
                    config.getOptionalValue(SWEEP_GONE_ALWAYS_KEY, Integer.class).orElse(10),
                    config.getOptionalValue(SWEEP_GONE_PER_PASS_KEY, Integer.class).orElse(5000),
                    duration(SWEEP_CLOCK_SKEW_KEY, Duration.ofSeconds(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("changewire.poller.sweep.*: " + e.getMessage(), e);
        }
        quotaReserve = config.getOptionalValue(QUOTA_RESERVE_KEY, Double.class).orElse(0.1);
        if (!(quotaReserve >= 0 && quotaReserve < 1)) {
            throw new IllegalStateException(QUOTA_RESERVE_KEY + " must be at least 0 and below 1 (a share of each API key's daily budget), got "
                    + quotaReserve);
        }
        degradedLag = duration(DEGRADED_LAG_KEY, Duration.ofMinutes(1));
        downLag = duration(DOWN_LAG_KEY, Duration.ofMinutes(30));
        if (downLag.compareTo(degradedLag) < 0) {
            throw new IllegalStateException(DOWN_LAG_KEY + " (" + downLag + ") must not be shorter than " + DEGRADED_LAG_KEY + " (" + degradedLag + ")");
        }
        // One per process, the same for every deployment in it (pid@host and the JVM's start): a lease
        // owner names the node (for the status page) and the run, and a new deployment of the
        // application in the same process can take back leases a replaced one left behind.
        var runtime = ManagementFactory.getRuntimeMXBean();
        nodeId = runtime.getName() + "/" + Long.toString(runtime.getStartTime(), 36);
    }

    private Duration duration(String key, Duration fallback) {
        Duration value = config.getOptionalValue(key, String.class).map(Duration::parse).orElse(fallback);
        if (value.isNegative() || (value.isZero() && !key.equals(PollWindow.OVERLAP_KEY))) {
            throw new IllegalStateException(key + " must be a positive ISO-8601 duration, got " + value);
        }
        return value;
    }

    public Duration overlap() {
        return overlap;
    }

    public Duration lease() {
        return lease;
    }

    public Duration minimumInterval() {
        return minimumInterval;
    }

    public Duration reconcileInterval() {
        return reconcileInterval;
    }

    /** How long after the application starts its first poll timers are set (see {@code PollScheduler}). */
    public Duration startDelay() {
        return startDelay;
    }

    /** How many records a complete sweep may take for deleted by their absence. */
    /** The share of each API key's daily budget the quota planner keeps for hub calls. */
    public double quotaReserve() {
        return quotaReserve;
    }

    public SweepBounds sweepBounds() {
        return sweepBounds;
    }

    public int maxPagesPerRun() {
        return maxPagesPerRun;
    }

    /** Failed runs in a row after which a pass past its first page restarts from its window. */
    public int maxPassFailures() {
        return maxPassFailures;
    }

    /** Whether this node runs scheduled polls at all (an API-only node sets it to false). */
    public boolean enabled() {
        return enabled;
    }

    public String nodeId() {
        return nodeId;
    }

    /** How many scheduled runs this node runs at once; more due runs wait in {@link DuePolls}. */
    public int concurrency() {
        return concurrency;
    }

    /** How many due runs may wait for a runner on this node (at most one per instance). */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Lag of the oldest waiting run above which the poller's liveness says DEGRADED (still UP). */
    public Duration degradedLag() {
        return degradedLag;
    }

    /** Lag of the oldest waiting run above which the poller's liveness is DOWN. */
    public Duration downLag() {
        return downLag;
    }
}
