package dev.changewire.notifications.control;

import dev.changewire.notifications.entity.DetectedEvent;
import dev.changewire.notifications.entity.NotificationFormat;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a notification's request carries in its format: the body bytes and the headers that describe
 * them ({@code Content-Type}, and the {@code ce-*} attributes in CloudEvents' binary mode). The same
 * arguments always give the same bytes and headers, so every attempt of a notification sends the same
 * request and its signatures stay valid. CloudEvents are built and written with the CloudEvents Java
 * SDK (its JSON format and its HTTP binding); one CloudEvent per change: {@code id} the event's id,
 * {@code source} the instance, {@code type} {@code dev.changewire.constantcontact.<resource>.<created|updated|deleted>},
 * {@code time} when the change happened, {@code subject} the record's id, {@code data} the record.
 */
@ApplicationScoped
public class NotificationEnvelopes {

    public static final String TYPE_PREFIX = "dev.changewire." + NotificationPayload.ELEMENT_KEY + ".";
    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";

    /** A request's body and the headers of its format. */
    public record Envelope(Map<String, String> headers, byte[] body) {
    }

    // the SDK's JSON format writes events with their data as JSON (datacontenttype application/json)
    private final JsonFormat json = new JsonFormat();

    @Inject
    NotificationPayload payload;

    /**
     * @param notificationId the stored notification's id (Cloud Elements' {@code message.eventId})
     * @param batch          the notification's events, in detection order, at most {@code format.batchSize()}
     */
    public Envelope envelope(NotificationFormat format, String notificationId, long instanceId, List<DetectedEvent> batch) {
        if (batch.isEmpty() || batch.size() > format.batchSize()) {
            throw new IllegalArgumentException("a " + format + " notification carries 1 to " + format.batchSize() + " events, not " + batch.size());
        }
        return switch (format) {
            case CLOUD_ELEMENTS -> new Envelope(Map.of("Content-Type", "application/json"), payload.body(notificationId, instanceId, batch));
            case CLOUDEVENTS_STRUCTURED -> new Envelope(Map.of("Content-Type", STRUCTURED), json.serialize(event(instanceId, batch.get(0))));
            case CLOUDEVENTS_BATCH -> new Envelope(Map.of("Content-Type", BATCH), batch(instanceId, batch));
            case CLOUDEVENTS_BINARY -> binary(event(instanceId, batch.get(0)));
        };
    }

    static CloudEvent event(long instanceId, DetectedEvent e) {
        return CloudEventBuilder.v1()
                .withId(Long.toString(e.id()))
                .withSource(URI.create("/elements/api-v2/instances/" + instanceId))
                .withType(TYPE_PREFIX + e.objectType() + "." + e.eventType().name().toLowerCase(Locale.ROOT))
                // to the millisecond, as the Cloud Elements body: the database may keep fewer digits than the clock gave
                .withTime(e.date().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC))
                .withSubject(e.objectId())
                .withDataContentType("application/json")
                .withData(e.record().toString().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** CloudEvents' JSON batch format: a JSON array of events in the JSON format. */
    private byte[] batch(long instanceId, List<DetectedEvent> batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 * batch.size());
        bytes.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                bytes.write(',');
            }
            bytes.writeBytes(json.serialize(event(instanceId, batch.get(i))));
        }
        bytes.write(']');
        return bytes.toByteArray();
    }

    /** The HTTP binding's binary mode: attributes as {@code ce-*} headers, the data as the body. */
    private static Envelope binary(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpMessageFactory.createWriter(headers::put, bytes -> {
            if (bytes != null) {
                body.writeBytes(bytes);
            }
        }).writeBinary(event);
        return new Envelope(headers, body.toByteArray());
    }
}
