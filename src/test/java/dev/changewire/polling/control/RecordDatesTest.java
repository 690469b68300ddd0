package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.polling.entity.FieldPath;
import dev.changewire.polling.entity.PollerConfiguration;
import dev.changewire.polling.entity.PollerResource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordDatesTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final String SEED_FORMAT = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static DateReading readString(String value, String format, String zone) {
        return RecordDates.parse(Json.createValue(value), format, ZoneId.of(zone));
    }

    @ParameterizedTest(name = "''{0}'' with {1} in {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "ISO", value = {
            // the seed's pattern, as written, against the values the hub gives
            "2026-11-27T13:05:09Z          | yyyy-MM-dd'T'HH:mm:ss'Z'     | UTC              | 2026-11-27T13:05:09Z",
            "2026-11-27T13:05:09.123Z      | yyyy-MM-dd'T'HH:mm:ss'Z'     | UTC              | 2026-11-27T13:05:09.123Z",
            "2026-11-27T13:05:09.123456Z   | yyyy-MM-dd'T'HH:mm:ss'Z'     | UTC              | 2026-11-27T13:05:09.123456Z",
            "2026-11-27T14:05:09+01:00     | yyyy-MM-dd'T'HH:mm:ss'Z'     | UTC              | 2026-11-27T13:05:09Z",
            // a pattern with a literal Z reads in the configured zone, as SimpleDateFormat does
            "2026-11-27T08:05:09Z          | yyyy-MM-dd'T'HH:mm:ss'Z'     | America/New_York | 2026-11-27T13:05:09Z",
            // zone-less patterns in a DST zone, either side of the switch
            "2026-03-29 01:59:59           | yyyy-MM-dd HH:mm:ss          | Europe/Berlin    | 2026-03-29T00:59:59Z",
            "2026-03-29 03:00:00           | yyyy-MM-dd HH:mm:ss          | Europe/Berlin    | 2026-03-29T01:00:00Z",
            "27/11/2026 13:05              | dd/MM/yyyy HH:mm             | UTC              | 2026-11-27T13:05:00Z",
            "Fri, 27 Nov 2026 13:05:09 +0000 | EEE, dd MMM yyyy HH:mm:ss Z | Europe/Berlin   | 2026-11-27T13:05:09Z",
            "2026-11-27T13:05:09.123Z      | yyyy-MM-dd'T'HH:mm:ss.SSS'Z' | UTC              | 2026-11-27T13:05:09.123Z",
            // SimpleDateFormat alone would read .5 as 5 ms
            "2026-11-27T13:05:09.5Z        | yyyy-MM-dd'T'HH:mm:ss.SSS'Z' | UTC              | 2026-11-27T13:05:09.500Z",
            // no format: ISO-8601 in every usual shape
            "2026-11-27T13:05:09Z          | ISO                          | UTC              | 2026-11-27T13:05:09Z",
            "2026-11-27T15:05:09.1+0200    | ISO                          | UTC              | 2026-11-27T13:05:09.100Z",
            "2026-11-27T15:05+02           | ISO                          | UTC              | 2026-11-27T13:05:00Z",
            "2026-11-27 13:05:09.123z      | ISO                          | UTC              | 2026-11-27T13:05:09.123Z",
            "2026-11-27T13:05:09           | ISO                          | America/New_York | 2026-11-27T18:05:09Z",
            "2026-11-27                    | ISO                          | Europe/Berlin    | 2026-11-26T23:00:00Z",
            // epoch milliseconds as a string
            "1795784709123                 | milliseconds                 | UTC              | 2026-11-27T13:05:09.123Z",
            "2026-11-27T13:05:09Z          | milliseconds                 | UTC              | 2026-11-27T13:05:09Z",
    })
    void readsPatternsMillisecondsAndFallsBackToIso(String value, String format, String zone, String expected) {
        DateReading reading = readString(value, format, zone);
        assertTrue(reading.isParsed(), () -> String.valueOf(reading));
        assertEquals(Instant.parse(expected), reading.instant());
    }

    @Test
    void epochMillisecondsAsANumber() {
        assertEquals(Instant.parse("2026-11-27T13:05:09.123Z"),
                RecordDates.parse(Json.createValue(1795784709123L), "milliseconds", UTC).instant());
        assertEquals(Instant.parse("2026-11-27T13:05:09.123Z"),
                RecordDates.parse(json("{\"d\":1.795784709123E12}").get("d"), "milliseconds", UTC).instant());
    }

    @ParameterizedTest(name = "''{0}'' with {1}")
    @CsvSource(delimiter = '|', nullValues = "ISO", value = {
            "yesterday                 | yyyy-MM-dd'T'HH:mm:ss'Z'",
            "2026-02-30T10:00:00Z      | yyyy-MM-dd'T'HH:mm:ss'Z'",
            "2026-11-27T25:00:00Z      | ISO",
            "2026-11-27T13:05:09Z junk | ISO",
            "1795784709123.5           | milliseconds",
            "17957847091230000000000   | milliseconds",
            "1795784709123             | ISO",
    })
    void garbageIsUnparseableNotAnException(String value, String format) {
        DateReading reading = readString(value, format, "UTC");
        assertTrue(reading.isUnparseable(), () -> String.valueOf(reading));
        assertEquals(value, reading.text());
        assertTrue(reading.problem().contains("ISO-8601"), reading.problem());
    }

    @Test
    void nonTextValuesAreUnparseableAndEmptyOnesMissing() {
        JsonObject record = json("{\"o\":{\"a\":1},\"t\":true,\"n\":null,\"e\":\"  \"}");
        assertTrue(RecordDates.read(record, FieldPath.parse("o"), null, UTC).isUnparseable());
        assertTrue(RecordDates.read(record, FieldPath.parse("t"), null, UTC).isUnparseable());
        assertTrue(RecordDates.read(record, FieldPath.parse("n"), null, UTC).isMissing());
        assertTrue(RecordDates.read(record, FieldPath.parse("e"), null, UTC).isMissing());
        assertTrue(RecordDates.read(record, FieldPath.parse("absent"), null, UTC).isMissing());
        assertTrue(RecordDates.read(record, FieldPath.parse("o.a.b"), null, UTC).isMissing());
        assertTrue(RecordDates.parse(Json.createValue("x".repeat(101)), null, UTC).isUnparseable());
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "id       | {\"id\":\"1100a\"}                   | 1100a",
            "id       | {\"id\":42}                          | 42",
            "id       | {\"id\":1.5e3}                       | 1500",
            "id       | {\"id\":42.0}                        | 42",
            "$.id     | {\"id\":\"x\"}                       | x",
            "data.id  | {\"data\":{\"id\":\"nested\"}}       | nested",
            "$.data.id| {\"data\":{\"id\":7}}                | 7",
            "id       | {\"id\":\"\"}                        | NONE",
            "id       | {\"id\":null}                        | NONE",
            "id       | {\"id\":true}                        | NONE",
            "id       | {\"id\":{\"v\":1}}                   | NONE",
            "id       | {\"other\":1}                        | NONE",
            "data.id  | {\"data\":[{\"id\":1}]}              | NONE",
    })
    void objectIdFollowsTheJsonPath(String path, String record, String expected) {
        assertEquals(Optional.ofNullable(expected), RecordDates.objectId(json(record), FieldPath.parse(path)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"deleted_date\":\"2026-11-27T13:05:09Z\"} | true",
            "{\"deleted_date\":true}                    | true",
            "{\"deleted_date\":0}                       | true",
            "{\"deleted_date\":\"\"}                    | false",
            "{\"deleted_date\":null}                    | false",
            "{\"deleted_date\":false}                   | false",
            "{}                                         | false",
    })
    void hasValue(String record, boolean expected) {
        assertEquals(expected, RecordDates.hasValue(json(record), FieldPath.parse("deleted_date")));
    }

    static final PollerResource DEFAULT_CONTACTS = PollerConfiguration.constantContactDefaults().resource("contacts").orElseThrow();

    @Test
    void readsARecordAgainstItsResource() {
        RecordReading reading = RecordDates.read(DEFAULT_CONTACTS, json(
                "{\"id\":\"c1\",\"modified_date\":\"2026-11-27T13:05:09.123Z\",\"created_date\":\"2026-11-20T10:00:00Z\"}"));
        assertFalse(reading.isSkipped());
        assertEquals(new RecordChange("c1", Instant.parse("2026-11-27T13:05:09.123Z"),
                Optional.of(Instant.parse("2026-11-20T10:00:00Z")), false, Optional.empty()), reading.change());
    }

    @Test
    void aDeletedRecordCarriesItsDeletionDate() {
        RecordChange change = RecordDates.read(DEFAULT_CONTACTS, json("{\"id\":\"c1\",\"modified_date\":\"2026-11-27T13:00:00Z\","
                + "\"created_date\":\"2026-11-20T10:00:00Z\",\"deleted_date\":\"2026-11-27T13:05:00.000Z\"}")).change();
        assertTrue(change.deleted());
        assertEquals(Optional.of(Instant.parse("2026-11-27T13:05:00Z")), change.deletedAt());
        assertEquals(Instant.parse("2026-11-27T13:05:00Z"), change.changedAt());
        RecordChange marker = RecordDates.read(DEFAULT_CONTACTS, json("{\"id\":\"c1\",\"modified_date\":\"2026-11-27T13:00:00Z\","
                + "\"deleted_date\":true}")).change();
        assertTrue(marker.deleted());
        assertEquals(Optional.empty(), marker.deletedAt());
        assertEquals(Instant.parse("2026-11-27T13:00:00Z"), marker.changedAt());
    }

    @Test
    void theCreatedDateStandsInForAMissingUpdatedDateAndAnUnreadableCreatedDateIsUnknown() {
        RecordChange onlyCreated = RecordDates.read(DEFAULT_CONTACTS, json("{\"id\":\"c1\",\"created_date\":\"2026-11-20T10:00:00Z\"}")).change();
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), onlyCreated.updated());
        RecordChange badCreated = RecordDates.read(DEFAULT_CONTACTS, json("{\"id\":\"c1\",\"modified_date\":\"2026-11-27T13:00:00Z\","
                + "\"created_date\":\"soon\"}")).change();
        assertEquals(Optional.empty(), badCreated.created());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"modified_date\":\"2026-11-27T13:00:00Z\"}              | MISSING_ID               | id is missing, empty or not a string or number",
            "{\"id\":\"c1\"}                                           | MISSING_UPDATED_DATE     | modified_date of c1 is missing and so is a readable created_date",
            "{\"id\":\"c1\",\"created_date\":\"x\"}                    | MISSING_UPDATED_DATE     | modified_date of c1 is missing and so is a readable created_date",
            "{\"id\":\"c1\",\"modified_date\":\"last tuesday\"}        | UNPARSEABLE_UPDATED_DATE | modified_date 'last tuesday' of c1: matches neither the format yyyy-MM-dd'T'HH:mm:ss.SSS'Z' nor an ISO-8601 date",
    })
    void recordsThatCannotBeReadAreSkippedWithTheReason(String record, RecordReading.SkipReason reason, String detail) {
        RecordReading reading = RecordDates.read(DEFAULT_CONTACTS, json(record));
        assertTrue(reading.isSkipped());
        assertEquals(reason, reading.skip());
        assertEquals(detail, reading.detail());
    }

    @Test
    void theSeedConfigurationReadsRecordsWithMilliseconds() {
        PollerResource seed = PollerConfiguration.parse("""
                {"campaigns":{"url":"/hubs/marketing/campaigns?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
                 "idField":"id","datesConfiguration":{"updatedDateField":"modified_date","updatedDateFormat":"yyyy-MM-dd'T'HH:mm:ss'Z'",
                 "createdDateField":"modified_date","createdDateFormat":"yyyy-MM-dd'T'HH:mm:ss'Z'"}}}""").resource("campaigns").orElseThrow();
        RecordChange change = RecordDates.read(seed, json("{\"id\":\"1100\",\"modified_date\":\"2026-11-27T13:05:09.123Z\"}")).change();
        assertEquals(Instant.parse("2026-11-27T13:05:09.123Z"), change.updated());
        assertEquals(Optional.of(change.updated()), change.created());
    }
}
