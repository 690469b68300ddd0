package dev.changewire.polling.entity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * An instance as the poller sees it, read fresh from the database before every run (so a PATCH of the
 * configuration or interval applies at the next run).
 *
 * @param configuration the parsed poller configuration, null when it does not parse (then {@code problem} says why)
 * @param changedAt     the instance's last update: the baseline of resources seen for the first time
 * @param classification {@code event.poller.classification}: how a record's first event is chosen
 */
public record PollTarget(long instanceId, long organizationId, boolean eventsEnabled, boolean disabled, boolean valid,
                         Duration interval, ZoneId zone, PollerConfiguration configuration, String problem,
                         Instant changedAt, Classification classification) {

    /** Whether it is to be polled at all. */
    public boolean active() {
        return eventsEnabled && !disabled && valid && configuration != null;
    }

    public PollerStatus status() {
        if (!eventsEnabled) {
            return PollerStatus.EVENTS_OFF;
        }
        if (disabled) {
            return PollerStatus.DISABLED;
        }
        if (!valid) {
            return PollerStatus.INVALID_CREDENTIALS;
        }
        if (configuration == null) {
            return PollerStatus.MISCONFIGURED;
        }
        return PollerStatus.ACTIVE;
    }
}
