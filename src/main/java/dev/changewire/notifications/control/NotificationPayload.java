package dev.changewire.notifications.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.notifications.entity.DetectedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body Cloud Elements POSTs to a callback URL:
 * {@code {"message":{"eventId","instance_id","instanceId","elementKey","raw":{"instance_id","objectType","<objectType>":[records]},"events":[...]}}}.
 * <p>
 * Delivery goes in two steps because the notification id must be stored before the first attempt:
 * {@link #batches} splits one instance's events of one resource into notifications of at most
 * {@value #BATCH_SIZE}; the caller stores each and then asks for its {@link #body}.
 */
@ApplicationScoped
public class NotificationPayload {

    /** Cloud Elements' polling batch size: a larger batch becomes several notifications. */
    public static final int BATCH_SIZE = 10;
    public static final String ELEMENT_KEY = "constantcontact";

    // Created once: the provider lookup behind JSON.createGenerator is a ServiceLoader scan.
    private final JsonGeneratorFactory generators = JSON.createGeneratorFactory(Map.of());

    /**
     * Splits events of ONE resource into notifications of at most {@value #BATCH_SIZE}, keeping the
     * detection order (the order of the list) within and across the parts.
     */
    public List<List<DetectedEvent>> batches(List<DetectedEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        requireOneObjectType(events);
        List<List<DetectedEvent>> batches = new ArrayList<>((events.size() + BATCH_SIZE - 1) / BATCH_SIZE);
        for (int from = 0; from < events.size(); from += BATCH_SIZE) {
            batches.add(List.copyOf(events.subList(from, Math.min(from + BATCH_SIZE, events.size()))));
        }
        return List.copyOf(batches);
    }

    /**
     * The exact body bytes (UTF-8 JSON, no whitespace) of one notification. The same arguments always
     * give the same bytes, so a retry carries the same body and the signatures over it stay valid.
     *
     * @param notificationId the stored notification's id: {@code message.eventId}, also the webhook id
     * @param instanceId     the element instance the events belong to
     * @param batch          1 to {@value #BATCH_SIZE} events of one resource, in detection order
     */
    public byte[] body(String notificationId, long instanceId, List<DetectedEvent> batch) {
        if (notificationId == null || notificationId.isBlank()) {
            throw new IllegalArgumentException("notificationId must not be blank");
        }
        if (batch.isEmpty() || batch.size() > BATCH_SIZE) {
            throw new IllegalArgumentException("a notification carries 1 to " + BATCH_SIZE + " events, not " + batch.size());
        }
        String objectType = requireOneObjectType(batch);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 * batch.size());
        try (JsonGenerator json = generators.createGenerator(bytes, StandardCharsets.UTF_8)) {
            json.writeStartObject();
            json.writeStartObject("message");
            json.write("eventId", notificationId);
            json.write("instance_id", instanceId);
            json.write("instanceId", instanceId);
            json.write("elementKey", ELEMENT_KEY);
            json.writeStartObject("raw");
            json.write("instance_id", instanceId);
            json.write("objectType", objectType);
            json.writeStartArray(objectType);
            batch.forEach(event -> json.write(event.record()));
            json.writeEnd();
            json.writeEnd();
            json.writeStartArray("events");
            for (DetectedEvent event : batch) {
                json.writeStartObject();
                json.write("eventType", event.eventType().name());
                json.write("objectType", objectType);
                json.write("objectId", event.objectId());
                json.write("elementKey", ELEMENT_KEY);
                json.write("date", utc(event.date()));
                json.writeEnd();
            }
            json.writeEnd();
            json.writeEnd();
            json.writeEnd();
        }
        return bytes.toByteArray();
    }

    /**
     * ISO-8601 in UTC, to the millisecond: the database may keep fewer digits than the clock gave, and
     * a body rebuilt from stored events for a retry must not differ from the first one.
     */
    static String utc(Instant date) {
        return DateTimeFormatter.ISO_INSTANT.format(date.truncatedTo(ChronoUnit.MILLIS));
    }

    private static String requireOneObjectType(List<DetectedEvent> events) {
        String objectType = events.get(0).objectType();
        if (objectType.isBlank() || objectType.equals("instance_id") || objectType.equals("objectType")) {
            // it becomes a key of message.raw, next to these two
            throw new IllegalArgumentException("objectType '" + objectType + "' cannot name a resource in message.raw");
        }
        for (DetectedEvent event : events) {
            if (!event.objectType().equals(objectType)) {
                throw new IllegalArgumentException("a notification carries events of one resource, found '"
                        + objectType + "' and '" + event.objectType() + "'");
            }
        }
        return objectType;
    }
}
