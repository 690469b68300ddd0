package dev.changewire.sandbox.control;

import java.time.Duration;
import java.util.Objects;

/**
 * Provider behaviours an account can be switched to (admin endpoint {@code PUT /admin/accounts/{account}/behaviour}),
 * so tests can reproduce what a real Constant Contact does and the sandbox does not by default.
 *
 * @param secondPrecision  timestamps in whole seconds ({@code 2026-11-27T13:00:00Z}): two changes within one
 *                         second carry the same {@code updated_at}
 * @param indexLag         a write shows in listings only this long after it was made, with its original date
 *                         (until then the listing shows the record's previous version, or nothing for a new one);
 *                         reading the record by id shows it at once
 * @param foreignNextLinks campaign next-page links point at another host: a link a client must refuse
 * @param latency          every V3 request of the account is answered this much later (a slow provider: a
 *                         poller's runs then mostly wait, as they do on a busy real one)
 * @param nextPagesFail    a request for a page after the first (one that follows a {@code cursor} or {@code next}
 *                         link) answers 503: a provider that falls over in the middle of a long listing
 */
public record AccountBehaviour(boolean secondPrecision, Duration indexLag, boolean foreignNextLinks, Duration latency,
                               boolean nextPagesFail) {

    // MAX_INDEX_LAG first: DEFAULT's constructor reads it during class initialization
    public static final Duration MAX_INDEX_LAG = Duration.ofMinutes(10);
    public static final Duration MAX_LATENCY = Duration.ofSeconds(30);
    public static final AccountBehaviour DEFAULT = new AccountBehaviour(false, Duration.ZERO, false, Duration.ZERO, false);

    public AccountBehaviour {
        Objects.requireNonNull(indexLag, "indexLag");
        if (indexLag.isNegative() || indexLag.compareTo(MAX_INDEX_LAG) > 0) {
            throw ProviderError.invalidParameter("indexLag must be PT0S to " + MAX_INDEX_LAG + ", not " + indexLag);
        }
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
            throw ProviderError.invalidParameter("latency must be PT0S to " + MAX_LATENCY + ", not " + latency);
        }
    }
}
