package dev.changewire.polling.entity;

/** Why an instance is or is not being polled, as its poller status shows it. */
public enum PollerStatus {
    ACTIVE, PAUSED_QUOTA, INVALID_CREDENTIALS, DISABLED, EVENTS_OFF, MISCONFIGURED
}
