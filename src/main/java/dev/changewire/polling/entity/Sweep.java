package dev.changewire.polling.entity;

import dev.changewire.polling.control.UrlTemplate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A reconciliation pass over one resource ({@code sweeps} in the resource's poller configuration): it
 * lists records whatever their updated date, and compares each with the version last recorded, so
 * changes that do not move the updated date (an unsubscribe) are found. A complete sweep lists the
 * whole resource; after one that ends without a fault, a record recorded before and no longer listed
 * is DELETED.
 *
 * @param name     the sweep's name (the key under {@code sweeps})
 * @param interval how long after a sweep started the next one starts; zero: on every run
 * @param url      a hub URL of its own (a partial listing, e.g. the unsubscribed contacts), or empty: the
 *                 resource's URL with its date placeholders at the epoch, which lists every record
 * @param complete whether the listing holds every record, so absence means deleted (true without a url)
 * @param pageSize records per page
 */
public record Sweep(String name, Duration interval, Optional<UrlTemplate> url, boolean complete, int pageSize) {

    public Sweep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(url, "url");
    }

    /** The URL this sweep reads: its own, or the resource's at the epoch. */
    public UrlTemplate urlOf(PollerResource resource) {
        return url.orElse(resource.url());
    }
}
