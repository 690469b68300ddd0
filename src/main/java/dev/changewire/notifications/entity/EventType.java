package dev.changewire.notifications.entity;

/** What happened to a record, as Cloud Elements names it in {@code message.events[].eventType}. */
public enum EventType {
    CREATED, UPDATED, DELETED, UNKNOWN
}
