package dev.changewire.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import java.util.function.UnaryOperator;

/**
 * Counts failed authentications per client address in fixed windows: after
 * {@code changewire.auth.max-failures} within {@code changewire.auth.failure-window} the address is
 * refused (429 with {@code Retry-After}) until its window ends, whatever secrets it sends then: a guess
 * must not be told whether it was right. Per node and in memory (a restart forgets): the secrets are
 * 256-bit, so this bounds the noise and the work a guesser causes, not a feasible search.
 */
@ApplicationScoped
public class FailedAuthentications {

    static final int DEFAULT_MAX_FAILURES = 20;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    /** Addresses tracked at most; beyond it finished windows are dropped first, then the new address counts as blocked. */
    static final int MAX_ADDRESSES = 100_000;

    @Inject
    Config config;

    private int maxFailures;
    private Duration window;
    private Optional<String> addressHeader;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    record Window(Instant start, int failures) {
    }

    @PostConstruct
    void init() {
        maxFailures = config.getOptionalValue("changewire.auth.max-failures", Integer.class).orElse(DEFAULT_MAX_FAILURES);
        window = config.getOptionalValue("changewire.auth.failure-window", Duration.class).orElse(DEFAULT_WINDOW);
        addressHeader = config.getOptionalValue("changewire.auth.client-address-header", String.class).filter(h -> !h.isBlank());
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalStateException("changewire.auth.max-failures must be at least 1 and changewire.auth.failure-window positive");
        }
    }

    /**
     * The client's address: the connection's peer, or, behind a load balancer the operator names with
     * {@code changewire.auth.client-address-header} (e.g. X-Forwarded-For), the last address in that
     * header, the one the balancer itself saw (earlier ones are the client's own claims). Without it,
     * every caller behind one balancer would share, and could exhaust, one allowance.
     */
    public String clientAddress(String peer, UnaryOperator<String> header) {
        if (addressHeader.isEmpty()) {
            return peer;
        }
        String value = header.apply(addressHeader.get());
        if (value == null || value.isBlank()) {
            return peer;
        }
        String last = value.substring(value.lastIndexOf(',') + 1).trim();
        return last.isEmpty() || last.length() > 64 ? peer : last;
    }

    /** How long the address must wait, if it is refused now. */
    public Optional<Duration> blocked(String address, Instant now) {
        Window w = windows.get(address);
        if (w == null || !now.isBefore(w.start().plus(window)) || w.failures() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, w.start().plus(window)));
    }

    /** Counts one failure of the address. */
    public void failed(String address, Instant now) {
        if (windows.size() >= MAX_ADDRESSES && !windows.containsKey(address)) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (windows.size() >= MAX_ADDRESSES) {
                // a flood from many addresses: give up tracking the oldest windows rather than growing without bound
                windows.clear();
            }
        }
        windows.compute(address, (a, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
    }
}
