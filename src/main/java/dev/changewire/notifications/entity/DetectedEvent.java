package dev.changewire.notifications.entity;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One change the poller detected, as the notification needs it.
 *
 * @param id         the stored event's id (ties a notification back to its events)
 * @param objectType the resource, e.g. {@code contacts}
 * @param objectId   the record's id at the provider
 * @param eventType  CREATED, UPDATED, DELETED (or UNKNOWN)
 * @param date       when the change happened (or was detected), sent in UTC
 * @param record     the normalized record, sent in {@code raw.<objectType>}
 */
public record DetectedEvent(long id, String objectType, String objectId, EventType eventType, Instant date,
                            JsonObject record) {

    public DetectedEvent {
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(record, "record");
    }
}
