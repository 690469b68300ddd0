package dev.changewire.polling.entity;

/** The event types the poller records (Cloud Elements' {@code eventType}). */
public enum ChangeType {
    CREATED, UPDATED, DELETED
}
