package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.changewire.notifications.entity.DetectedEvent;
import dev.changewire.notifications.entity.EventType;
import dev.changewire.notifications.entity.NotificationFormat;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import jakarta.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each format's request, as the CloudEvents SDK reads it back; the same events always give the same bytes and headers. */
class NotificationEnvelopesTest {

    final NotificationEnvelopes envelopes = new NotificationEnvelopes();

    NotificationEnvelopesTest() {
        envelopes.payload = new NotificationPayload();
    }

    static DetectedEvent event(long id, EventType type) {
        return new DetectedEvent(id, "contacts", "c-" + id, type, Instant.parse("2026-11-27T13:00:00.123456Z"),
                Json.createObjectBuilder().add("id", "c-" + id).add("first_name", "Ada").build());
    }

    @Test
    void structuredIsOneCloudEventInTheJsonFormat() {
        var envelope = envelopes.envelope(NotificationFormat.CLOUDEVENTS_STRUCTURED, "n-1", 42, List.of(event(7, EventType.CREATED)));
        assertEquals(Map.of("Content-Type", "application/cloudevents+json"), envelope.headers());
        CloudEvent e = new JsonFormat().deserialize(envelope.body());
        assertEquals("7", e.getId());
        assertEquals(URI.create("/elements/api-v2/instances/42"), e.getSource());
        assertEquals("dev.changewire.constantcontact.contacts.created", e.getType());
        assertEquals("c-7", e.getSubject());
        assertEquals(Instant.parse("2026-11-27T13:00:00.123Z"), e.getTime().toInstant(), "to the millisecond");
        assertEquals("{\"id\":\"c-7\",\"first_name\":\"Ada\"}", new String(e.getData().toBytes(), StandardCharsets.UTF_8).replace(" ", ""));
        assertArrayEquals(envelope.body(),
                envelopes.envelope(NotificationFormat.CLOUDEVENTS_STRUCTURED, "n-1", 42, List.of(event(7, EventType.CREATED))).body(),
                "a retry sends the same bytes");
    }

    @Test
    void binaryCarriesTheAttributesInCeHeadersAndTheRecordAsTheBody() {
        var envelope = envelopes.envelope(NotificationFormat.CLOUDEVENTS_BINARY, "n-1", 42, List.of(event(8, EventType.DELETED)));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(envelope.headers());
        assertEquals("application/json", headers.get("Content-Type"));
        assertEquals("8", headers.get("ce-id"));
        assertEquals("1.0", headers.get("ce-specversion"));
        CloudEvent e = HttpMessageFactory.createReader(envelope.headers(), envelope.body()).toEvent();
        assertEquals("dev.changewire.constantcontact.contacts.deleted", e.getType());
        assertEquals("c-8", e.getSubject());
        assertEquals("{\"id\":\"c-8\",\"first_name\":\"Ada\"}", new String(envelope.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aBatchIsAJsonArrayOfEventsInDetectionOrder() throws Exception {
        var envelope = envelopes.envelope(NotificationFormat.CLOUDEVENTS_BATCH, "n-1", 42,
                List.of(event(1, EventType.CREATED), event(2, EventType.UPDATED)));
        assertEquals(Map.of("Content-Type", "application/cloudevents-batch+json"), envelope.headers());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode array = mapper.readTree(envelope.body());
        assertEquals(2, array.size());
        CloudEvent second = new JsonFormat().deserialize(mapper.writeValueAsBytes(array.get(1)));
        assertEquals("2", second.getId());
        assertEquals("dev.changewire.constantcontact.contacts.updated", second.getType());
    }

    @Test
    void cloudElementsIsTheBodyItAlwaysWasAndSizesAreBounded() {
        var envelope = envelopes.envelope(NotificationFormat.CLOUD_ELEMENTS, "n-1", 42, List.of(event(1, EventType.CREATED)));
        assertEquals(Map.of("Content-Type", "application/json"), envelope.headers());
        assertArrayEquals(new NotificationPayload().body("n-1", 42, List.of(event(1, EventType.CREATED))), envelope.body());
        assertThrows(IllegalArgumentException.class, () -> envelopes.envelope(NotificationFormat.CLOUDEVENTS_STRUCTURED, "n-1", 42,
                List.of(event(1, EventType.CREATED), event(2, EventType.CREATED))), "structured carries one event");
    }

    @Test
    void theConfigurationChoosesTheFormatAndRefusesOthers() {
        assertEquals(NotificationFormat.CLOUD_ELEMENTS, NotificationFormat.of(Map.of()));
        assertEquals(NotificationFormat.CLOUDEVENTS_STRUCTURED, NotificationFormat.of(Map.of("event.notification.format", "CloudEvents")));
        assertEquals(NotificationFormat.CLOUDEVENTS_BATCH, NotificationFormat.of(Map.of("event.notification.format", "cloudevents",
                "event.notification.cloudevents.mode", "batch")));
        var bad = assertThrows(IllegalArgumentException.class, () -> NotificationFormat.of(Map.of("event.notification.format", "xml")));
        assertEquals("event.notification.format must be 'cloudelements' or 'cloudevents', got 'xml'", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NotificationFormat.of(Map.of("event.notification.cloudevents.mode", "smoke")));
    }
}
