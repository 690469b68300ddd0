package dev.changewire.notifications.entity;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.events.entity.ChangeEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
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

    /** The notification's view of a stored event (here, not in the Dispatch EJB: EJBs must not have static methods). */
    public static DetectedEvent of(ChangeEvent event) {
        JsonObject record;
        try (JsonReader reader = JSON.createReader(new StringReader(event.getRecord()))) {
            record = reader.readObject();
        }
        return new DetectedEvent(event.getId(), event.getObjectType(), event.getObjectId(),
                EventType.valueOf(event.getEventType().name()), event.getEventDate(), record);
    }
}
