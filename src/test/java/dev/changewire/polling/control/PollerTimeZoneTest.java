package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PollerTimeZoneTest {

    @Test
    void absentMeansUtcAndIdsAreRead() {
        assertEquals(ZoneId.of("UTC"), PollerTimeZone.parse((JsonValue) null));
        assertEquals(ZoneId.of("UTC"), PollerTimeZone.parse(JsonValue.NULL));
        assertEquals(ZoneId.of("UTC"), PollerTimeZone.parse(Json.createValue(" ")));
        assertEquals(ZoneId.of("Europe/Berlin"), PollerTimeZone.parse(Json.createValue("Europe/Berlin")));
        assertEquals(ZoneId.of("America/New_York"), PollerTimeZone.parse(" America/New_York "));
        assertEquals(ZoneId.of("America/Los_Angeles"), PollerTimeZone.parse("PST"));
    }

    @Test
    void unknownZonesAndNonStringsNameTheKey() {
        assertEquals("event.poller.timezone 'Mars/Olympus' is not a known time zone id (e.g. UTC, Europe/Berlin, America/New_York, +02:00)",
                assertThrows(IllegalArgumentException.class, () -> PollerTimeZone.parse("Mars/Olympus")).getMessage());
        assertEquals("event.poller.timezone must be a time zone id such as UTC or Europe/Berlin, got 5",
                assertThrows(IllegalArgumentException.class, () -> PollerTimeZone.parse(Json.createValue(5))).getMessage());
    }
}
