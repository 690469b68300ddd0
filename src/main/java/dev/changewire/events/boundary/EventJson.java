package dev.changewire.events.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.events.entity.ChangeEvent;
import jakarta.json.JsonObject;

/** An event in Cloud Elements' record shape, plus the fields of its notification. */
final class EventJson {

    static final String ELEMENT_KEY = "constantcontact";

    private EventJson() {
    }

    static JsonObject of(ChangeEvent e) {
        JsonObject notified = JSON.createObjectBuilder()
                .add("eventType", e.getEventType().name())
                .add("objectType", e.getObjectType())
                .add("objectId", e.getObjectId())
                .add("elementKey", ELEMENT_KEY)
                .add("date", e.getEventDate().toString())
                .build();
        return JSON.createObjectBuilder()
                .add("id", String.valueOf(e.getId()))
                .add("eventDate", e.getDetectedAt().toString())
                .add("status", e.getStatus().name())
                .add("providerData", e.getRecord())
                .add("notifiedData", JSON.createArrayBuilder().add(notified))
                .add("instanceId", e.getInstanceId())
                .add("elementKey", ELEMENT_KEY)
                .add("objectType", e.getObjectType())
                .add("objectId", e.getObjectId())
                .add("eventType", e.getEventType().name())
                .add("date", e.getEventDate().toString())
                .build();
    }
}
