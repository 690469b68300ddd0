package dev.changewire.polling.entity;

import dev.changewire.polling.control.UrlTemplate;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One polled resource of {@code event.poller.configuration}; its name becomes the events' objectType.
 *
 * @param name                  the resource name (the configuration's key)
 * @param url                   the hub URL with placeholders
 * @param idField               where the record's id is (its value becomes objectId)
 * @param datesConfiguration    where the record's dates are
 * @param filterByUpdatedDate   whether records not updated since the query's start are dropped (default true)
 * @param createdCheckTolerance how far created may be from updated and still count as CREATED
 * @param pageSize              records per page
 * @param pollDelay             extra look-back subtracted from the cursor, for providers whose index lags
 * @param sweeps                the resource's reconciliation passes by name, none by default
 */
public record PollerResource(String name, UrlTemplate url, FieldPath idField, DatesConfiguration datesConfiguration,
                             boolean filterByUpdatedDate, Duration createdCheckTolerance, int pageSize, Duration pollDelay,
                             Map<String, Sweep> sweeps) {

    /** A resource without sweeps. */
    public PollerResource(String name, UrlTemplate url, FieldPath idField, DatesConfiguration datesConfiguration,
            boolean filterByUpdatedDate, Duration createdCheckTolerance, int pageSize, Duration pollDelay) {
        this(name, url, idField, datesConfiguration, filterByUpdatedDate, createdCheckTolerance, pageSize, pollDelay, Map.of());
    }

    public PollerResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(idField, "idField");
        Objects.requireNonNull(datesConfiguration, "datesConfiguration");
        Objects.requireNonNull(createdCheckTolerance, "createdCheckTolerance");
        Objects.requireNonNull(pollDelay, "pollDelay");
        sweeps = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(sweeps, "sweeps")));
    }

    public FieldPath deletedDateField() {
        return datesConfiguration.deletedDateField();
    }
}
