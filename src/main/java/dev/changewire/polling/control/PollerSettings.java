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
    static final int MAX_PASS_FAILURES_LIMIT = 1000;

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
}
