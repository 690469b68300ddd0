package dev.changewire.notifications.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.notifications.control.NotificationQueries;
import dev.changewire.notifications.entity.DeliveryAttempt;
import dev.changewire.notifications.entity.Notification;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Notifications, their events and their attempts as JSON. */
final class NotificationJson {

    private NotificationJson() {
    }

    static JsonObject of(NotificationQueries.Detail detail) {
        Notification n = detail.notification();
        JsonArrayBuilder events = JSON.createArrayBuilder();
        for (NotificationQueries.Event e : detail.events()) {
            events.add(JSON.createObjectBuilder()
                    .add("id", e.id())
                    .add("eventType", e.eventType())
                    .add("objectType", e.objectType())
                    .add("objectId", e.objectId())
                    .add("date", e.date().toString())
                    .add("detectedDate", e.detectedDate().toString())
                    .add("status", e.status()));
        }
        JsonArrayBuilder attempts = JSON.createArrayBuilder();
        for (DeliveryAttempt a : detail.attempts()) {
            JsonObjectBuilder attempt = JSON.createObjectBuilder()
                    .add("number", a.getNumber())
                    .add("date", a.getStartedAt().toString())
                    .add("durationMillis", a.getDurationMillis())
                    .add("httpStatus", a.getHttpStatus() == null ? JsonValue.NULL : JSON.createValue(a.getHttpStatus()))
                    .add("error", text(a.getError()))
                    .add("outcome", a.getOutcome().name())
                    .add("operatorAttention", a.getOutcome().operatorAttention())
                    .add("responseBody", text(a.getResponseBody()))
                    .add("nextAttemptDate", date(a.getNextAttemptAt()));
            attempts.add(attempt);
        }
        return JSON.createObjectBuilder()
                .add("id", n.getId())
                .add("instanceId", n.getInstanceId())
                .add("objectType", n.getObjectType())
                .add("status", n.getStatus().name())
                .add("createdDate", n.getCreatedAt().toString())
                .add("deliveredDate", date(n.getDeliveredAt()))
                .add("nextAttemptDate", n.getStatus().outstanding() ? date(n.getNextAttemptAt()) : JsonValue.NULL)
                .add("attemptCount", n.getAttemptsTotal())
                .add("lastError", text(n.getLastError()))
                .add("events", events)
                .add("attempts", attempts)
                .build();
    }

    private static JsonValue text(String s) {
        return s == null ? JsonValue.NULL : JSON.createValue(s);
    }

    private static JsonValue date(Instant i) {
        return i == null ? JsonValue.NULL : JSON.createValue(i.toString());
    }
}
