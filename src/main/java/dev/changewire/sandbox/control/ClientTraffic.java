package dev.changewire.sandbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The V3 rate limits per OAuth client (Constant Contact's are per API key, shared by all its connected
 * accounts), and the token endpoint's own limit per client (1 a second at Constant Contact).
 */
@ApplicationScoped
public class ClientTraffic {

    public record Limits(int requestsPerSecond, int requestsPerDay, int tokenRequestsPerSecond) {
    }

    @Inject
    SandboxSettings settings;

    Clock clock = Clock.systemUTC();

    private final Map<String, TrafficCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, TrafficCounter> tokenCounters = new ConcurrentHashMap<>();
    private final Map<String, Limits> overrides = new ConcurrentHashMap<>();

    public TrafficCounter.Verdict admit(String clientId) {
        Limits limits = limits(clientId);
        return counter(clientId).admit(clock.instant(), limits.requestsPerSecond(), limits.requestsPerDay());
    }

    /** A request to the token endpoint: counted apart from the V3 API's, per second only. */
    public TrafficCounter.Verdict admitToken(String clientId) {
        return tokenCounters.computeIfAbsent(clientId, id -> new TrafficCounter(settings.quotaDay()))
                .admit(clock.instant(), limits(clientId).tokenRequestsPerSecond(), Integer.MAX_VALUE);
    }

    public Limits limits(String clientId) {
        Limits override = overrides.get(clientId);
        return override != null ? override
                : new Limits(settings.requestsPerSecond(), settings.requestsPerDay(), settings.tokenRequestsPerSecond());
    }

    public void limits(String clientId, Limits limits) {
        if (limits == null) {
            overrides.remove(clientId);
        } else {
            overrides.put(clientId, limits);
        }
    }

    /** When the quota day now under way ends and every client's daily count starts afresh. */
    public Instant quotaResets() {
        return settings.quotaDay().ends(clock.instant());
    }

    public void resetDay(String clientId) {
        counter(clientId).resetDay();
    }

    public TrafficCounter.Snapshot snapshot(String clientId) {
        TrafficCounter c = counters.get(clientId);
        return c == null ? TrafficCounter.Snapshot.NONE : c.snapshot(clock.instant());
    }

    public TrafficCounter.Snapshot tokenSnapshot(String clientId) {
        TrafficCounter c = tokenCounters.get(clientId);
        return c == null ? TrafficCounter.Snapshot.NONE : c.snapshot(clock.instant());
    }

    /** Every client seen so far, by client id. */
    public Map<String, TrafficCounter.Snapshot> snapshots() {
        Map<String, TrafficCounter.Snapshot> all = new TreeMap<>();
        counters.forEach((id, c) -> all.put(id, c.snapshot(clock.instant())));
        return all;
    }

    private TrafficCounter counter(String clientId) {
        return counters.computeIfAbsent(clientId, id -> new TrafficCounter(settings.quotaDay()));
    }
}
