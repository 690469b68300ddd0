package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.notifications.entity.DetectedEvent;
import dev.changewire.notifications.entity.EventType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NotificationPayloadTest {

    final NotificationPayload payload = new NotificationPayload();

    static DetectedEvent event(long id, String objectType, EventType type, Instant date) {
        JsonObject record = Json.createObjectBuilder().add("id", "rec-" + id).add("seq", id).build();
        return new DetectedEvent(id, objectType, "rec-" + id, type, date, record);
    }

    @Test
    void twentyFiveEventsMakeTenTenAndFiveInDetectionOrder() {
        Instant start = Instant.parse("2026-11-27T13:00:00Z");
        List<DetectedEvent> events = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> event(i, "contacts", EventType.values()[i % 3], start.plusSeconds(i)))
                .toList();

        List<List<DetectedEvent>> batches = payload.batches(events);

        assertEquals(List.of(10, 10, 5), batches.stream().map(List::size).toList());
        List<DetectedEvent> flattened = new ArrayList<>();
        batches.forEach(flattened::addAll);
        assertEquals(events, flattened);

        // each part is its own notification whose raw records and events line up with the part
        for (int n = 0; n < batches.size(); n++) {
            List<DetectedEvent> batch = batches.get(n);
            JsonObject message = parse(payload.body("notification-" + n, 77, batch)).getJsonObject("message");
            assertEquals("notification-" + n, message.getString("eventId"));
            JsonArray records = message.getJsonObject("raw").getJsonArray("contacts");
            JsonArray sent = message.getJsonArray("events");
            assertEquals(batch.size(), records.size());
            assertEquals(batch.size(), sent.size());
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(batch.get(i).record(), records.getJsonObject(i));
                assertEquals(batch.get(i).objectId(), sent.getJsonObject(i).getString("objectId"));
                assertEquals(batch.get(i).eventType().name(), sent.getJsonObject(i).getString("eventType"));
            }
        }
    }

    @Test
    void exactlyTenIsOneNotificationAndNoneIsNone() {
        Instant date = Instant.parse("2026-01-01T00:00:00Z");
        List<DetectedEvent> ten = IntStream.rangeClosed(1, 10).mapToObj(i -> event(i, "contacts", EventType.CREATED, date)).toList();
        assertEquals(List.of(ten), payload.batches(ten));
        assertEquals(List.of(), payload.batches(List.of()));
    }

    @Test
    void bodyHasCloudElementsExactShape() {
        JsonObject first = Json.createObjectBuilder()
                .add("campaign_id", "1100-a")
                .add("name", "Grüße \"spring\"")
                .add("current_status", "DRAFT")
                .add("count", 3)
                .add("tags", Json.createArrayBuilder().add("x"))
                .addNull("deleted_at")
                .build();
        JsonObject second = Json.createObjectBuilder().add("campaign_id", "1100-b").build();
        List<DetectedEvent> batch = List.of(
                new DetectedEvent(1, "campaigns", "1100-a", EventType.UPDATED, Instant.parse("2026-11-27T13:00:00Z"), first),
                new DetectedEvent(2, "campaigns", "1100-b", EventType.DELETED,
                        Instant.parse("2026-11-27T13:00:01.123456789Z"), second));

        byte[] body = payload.body("42", 460001, batch);

        String expected = "{\"message\":{\"eventId\":\"42\",\"instance_id\":460001,\"instanceId\":460001,"
                + "\"elementKey\":\"constantcontact\","
                + "\"raw\":{\"instance_id\":460001,\"objectType\":\"campaigns\",\"campaigns\":["
                + "{\"campaign_id\":\"1100-a\",\"name\":\"Grüße \\\"spring\\\"\",\"current_status\":\"DRAFT\",\"count\":3,\"tags\":[\"x\"],\"deleted_at\":null},"
                + "{\"campaign_id\":\"1100-b\"}]},"
                + "\"events\":["
                + "{\"eventType\":\"UPDATED\",\"objectType\":\"campaigns\",\"objectId\":\"1100-a\",\"elementKey\":\"constantcontact\",\"date\":\"2026-11-27T13:00:00Z\"},"
                + "{\"eventType\":\"DELETED\",\"objectType\":\"campaigns\",\"objectId\":\"1100-b\",\"elementKey\":\"constantcontact\",\"date\":\"2026-11-27T13:00:01.123Z\"}"
                + "]}}";
        assertEquals(expected, new String(body, StandardCharsets.UTF_8));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), body);
    }

    @Test
    void sameInputGivesSameBytesEvenFromDatesReadBackWithFewerDigits() {
        Instant detected = Instant.parse("2026-03-04T05:06:07.123456789Z");
        DetectedEvent fresh = event(1, "contacts", EventType.CREATED, detected);
        // as if stored in a TIMESTAMP(6) column and read back for the retry
        DetectedEvent reread = event(1, "contacts", EventType.CREATED, Instant.parse("2026-03-04T05:06:07.123456Z"));

        byte[] first = payload.body("n1", 5, List.of(fresh));
        assertArrayEquals(first, payload.body("n1", 5, List.of(fresh)));
        assertArrayEquals(first, payload.body("n1", 5, List.of(reread)));
    }

    @Test
    void refusesWhatCannotBeOneNotification() {
        Instant date = Instant.parse("2026-01-01T00:00:00Z");
        List<DetectedEvent> mixed = List.of(event(1, "contacts", EventType.CREATED, date), event(2, "campaigns", EventType.CREATED, date));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> payload.batches(mixed)).getMessage().contains("'campaigns'"));
        assertThrows(IllegalArgumentException.class, () -> payload.body("n", 1, mixed));

        List<DetectedEvent> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> event(i, "contacts", EventType.CREATED, date)).toList();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> payload.body("n", 1, eleven)).getMessage().contains("11"));
        assertThrows(IllegalArgumentException.class, () -> payload.body("n", 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> payload.body(" ", 1, eleven.subList(0, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> payload.body("n", 1, List.of(event(1, "objectType", EventType.CREATED, date))));
    }

    static JsonObject parse(byte[] body) {
        return Json.createReader(new ByteArrayInputStream(body)).readObject();
    }
}
