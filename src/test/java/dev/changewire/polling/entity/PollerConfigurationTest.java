package dev.changewire.polling.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollerConfigurationTest {

    /** The seed page's configuration, exactly as written there. */
    static final String SEED = """
            {
              "campaigns":{
                "url":"/hubs/marketing/campaigns?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
                "idField":"id",
                "datesConfiguration":{
                  "updatedDateField":"modified_date",
                  "updatedDateFormat":"yyyy-MM-dd'T'HH:mm:ss'Z'",
                  "createdDateField":"modified_date",
                  "createdDateFormat":"yyyy-MM-dd'T'HH:mm:ss'Z'"
                }
              }
            }""";

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static String error(String configuration) {
        return assertThrows(IllegalArgumentException.class, () -> PollerConfiguration.parse(configuration)).getMessage();
    }

    /** A valid one-resource configuration with {@code extra} members added to campaigns (JSON text without braces). */
    static String campaigns(String members) {
        return "{\"campaigns\":{" + members + "}}";
    }

    static final String URL = "\"url\":\"/hubs/marketing/campaigns?since=${epoch}\"";
    static final String ID = "\"idField\":\"id\"";
    static final String DATES = "\"datesConfiguration\":{\"updatedDateField\":\"modified_date\"}";

    @Test
    void seedConfigurationParsesAsWrittenWithDefaults() {
        PollerConfiguration configuration = PollerConfiguration.parse(json(SEED));
        assertEquals(List.of("campaigns"), List.copyOf(configuration.resources().keySet()));
        PollerResource campaigns = configuration.resource("campaigns").orElseThrow();
        assertEquals("campaigns", campaigns.name());
        assertEquals("/hubs/marketing/campaigns?where=modified_since='2026-11-27T13%3A00%3A00Z'",
                campaigns.url().expand(Instant.parse("2026-11-27T13:00:00.500Z")));
        assertEquals(List.of("id"), campaigns.idField().segments());
        DatesConfiguration dates = campaigns.datesConfiguration();
        assertEquals("modified_date", dates.updatedDateField().text());
        assertEquals("yyyy-MM-dd'T'HH:mm:ss'Z'", dates.updatedDateFormat());
        assertEquals(ZoneId.of("UTC"), dates.updatedDateTimezone());
        assertEquals("modified_date", dates.createdDateField().text());
        assertEquals(ZoneId.of("UTC"), dates.createdDateTimezone());
        assertNull(dates.deletedDateField());
        assertTrue(campaigns.filterByUpdatedDate());
        assertEquals(Duration.ofSeconds(1), campaigns.createdCheckTolerance());
        assertEquals(100, campaigns.pageSize());
        assertEquals(Duration.ZERO, campaigns.pollDelay());
    }

    @Test
    void theStringFormIsTheSameAsTheObjectForm() {
        PollerConfiguration fromObject = PollerConfiguration.parse(json(SEED));
        assertEquals(fromObject, PollerConfiguration.parse(Json.createValue(SEED)));
        assertEquals(fromObject, PollerConfiguration.parse(SEED));
    }

    @Test
    void everySettingGivenAsStringsOrNativeValuesIsCoerced() {
        String asStrings = campaigns(URL + "," + ID + ",\"datesConfiguration\":{\"updatedDateField\":\"$.meta.updated\","
                + "\"updatedDateFormat\":\"MILLISECONDS\",\"updatedDateTimezone\":\"America/New_York\","
                + "\"createdDateField\":\"meta.created\",\"deletedDateField\":\"deleted_at\"},"
                + "\"filterByUpdatedDate\":\"false\",\"createdCheckTolerance\":\"2.5\",\"pageSize\":\"250\",\"pollDelay\":\"30\"");
        String asNative = campaigns(URL + "," + ID + ",\"datesConfiguration\":{\"updatedDateField\":\"$.meta.updated\","
                + "\"updatedDateFormat\":\"milliseconds\",\"updatedDateTimezone\":\"America/New_York\","
                + "\"createdDateField\":\"meta.created\"},\"deletedDateField\":\"deleted_at\","
                + "\"filterByUpdatedDate\":false,\"createdCheckTolerance\":2.5,\"pageSize\":250,\"pollDelay\":30");
        PollerResource resource = PollerConfiguration.parse(asStrings).resource("campaigns").orElseThrow();
        assertEquals(PollerConfiguration.parse(asNative), PollerConfiguration.parse(asStrings));
        assertEquals(List.of("meta", "updated"), resource.datesConfiguration().updatedDateField().segments());
        assertEquals("milliseconds", resource.datesConfiguration().updatedDateFormat());
        assertEquals("milliseconds", resource.datesConfiguration().createdDateFormat(), "created format defaults to updated's");
        assertEquals(ZoneId.of("America/New_York"), resource.datesConfiguration().createdDateTimezone());
        assertEquals("deleted_at", resource.deletedDateField().text());
        assertFalse(resource.filterByUpdatedDate());
        assertEquals(Duration.ofMillis(2500), resource.createdCheckTolerance());
        assertEquals(250, resource.pageSize());
        assertEquals(Duration.ofSeconds(30), resource.pollDelay());
    }

    @Test
    void resourcesKeepTheirOrderAndAnyNameMayPollAnyHubUrl() {
        PollerConfiguration configuration = PollerConfiguration.parse("{"
                + "\"zeta\":{" + URL + "," + ID + "," + DATES + "},"
                + "\"contact_lists\":{\"url\":\"/hubs/marketing/lists?x=${date}\"," + ID + "," + DATES + "},"
                + "\"alpha\":{" + URL + "," + ID + "," + DATES + "}}");
        assertEquals(List.of("zeta", "contact_lists", "alpha"), List.copyOf(configuration.resources().keySet()));
    }

    @Test
    void toJsonWritesEverySettingAndParsesBackToTheSameConfiguration() {
        PollerConfiguration seed = PollerConfiguration.parse(SEED);
        JsonObject written = seed.toJson();
        assertEquals(json("""
                {"campaigns":{
                  "url":"/hubs/marketing/campaigns?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'",
                  "idField":"id",
                  "datesConfiguration":{"updatedDateField":"modified_date","updatedDateFormat":"yyyy-MM-dd'T'HH:mm:ss'Z'",
                    "updatedDateTimezone":"UTC","createdDateField":"modified_date",
                    "createdDateFormat":"yyyy-MM-dd'T'HH:mm:ss'Z'","createdDateTimezone":"UTC"},
                  "filterByUpdatedDate":true,"createdCheckTolerance":1,"pageSize":100,"pollDelay":0}}"""), written);
        assertEquals(seed, PollerConfiguration.parse(written));
        PollerConfiguration defaults = PollerConfiguration.constantContactDefaults();
        assertEquals(defaults, PollerConfiguration.parse(defaults.toJson()));
        PollerConfiguration fractional = PollerConfiguration.parse(campaigns(URL + "," + ID + "," + DATES
                + ",\"createdCheckTolerance\":0.25,\"pollDelay\":90"));
        assertEquals(fractional, PollerConfiguration.parse(fractional.toJson().toString()));
    }

    @Test
    void constantContactDefaults() {
        PollerConfiguration defaults = PollerConfiguration.constantContactDefaults();
        assertEquals(List.of("campaigns", "contacts", "lists"), List.copyOf(defaults.resources().keySet()));
        for (PollerResource resource : defaults.resources().values()) {
            assertEquals("/hubs/marketing/" + resource.name() + "?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'",
                    resource.url().template());
            assertEquals("id", resource.idField().text());
            assertEquals("modified_date", resource.datesConfiguration().updatedDateField().text());
            assertEquals("created_date", resource.datesConfiguration().createdDateField().text());
            assertEquals("deleted_date", resource.deletedDateField().text());
            assertEquals("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", resource.datesConfiguration().updatedDateFormat());
        }
        assertEquals(defaults, PollerConfiguration.parseOrDefaults(null));
        assertEquals(defaults, PollerConfiguration.parseOrDefaults(JsonValue.NULL));
        assertEquals(defaults, PollerConfiguration.parseOrDefaults(Json.createValue(" ")));
        assertEquals(PollerConfiguration.parse(SEED), PollerConfiguration.parseOrDefaults(Json.createValue(SEED)));
    }

    @Test
    void deletedDateFieldMayBeInsideDatesConfigurationButNotContradictIt() {
        PollerResource inside = PollerConfiguration.parse(campaigns(URL + "," + ID
                + ",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"deletedDateField\":\"gone\"}")).resources().get("campaigns");
        assertEquals("gone", inside.deletedDateField().text());
        PollerConfiguration.parse(campaigns(URL + "," + ID
                + ",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"deletedDateField\":\"gone\"},\"deletedDateField\":\"$.gone\""));
        assertEquals("event.poller.configuration.campaigns.deletedDateField 'a' contradicts "
                + "event.poller.configuration.campaigns.datesConfiguration.deletedDateField 'b'; give it once",
                error(campaigns(URL + "," + ID + ",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"deletedDateField\":\"b\"},"
                        + "\"deletedDateField\":\"a\"")));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                          | event.poller.configuration has no resources; configure at least one (e.g. campaigns)",
            "[]                                          | event.poller.configuration must be a JSON object of resource name to resource configuration, got array []",
            "{\"campaigns\":                             | event.poller.configuration is not valid JSON: ",
            "{\"campaigns\":true}                        | event.poller.configuration.campaigns must be a JSON object with url, idField and datesConfiguration, got true",
            "{\"camp aigns\":{}}                         | event.poller.configuration has an invalid resource name 'camp aigns'; use 1 to 100 letters, digits, '_', '-' or '.'",
    })
    void topLevelErrors(String configuration, String message) {
        assertTrue(error(configuration).startsWith(message), error(configuration));
    }

    @Test
    void nonObjectJsonValuesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> PollerConfiguration.parse(Json.createValue(15)));
        assertEquals("event.poller.configuration must be a JSON object of resource name to resource configuration"
                + " (or a string holding one), got number 15", e.getMessage());
        assertEquals("event.poller.configuration is empty; it must be a JSON object of resource name to resource configuration",
                error(""));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            ID + "," + DATES
                    + "| event.poller.configuration.campaigns.url is required",
            "\"url\":\"\"," + ID + "," + DATES
                    + "| event.poller.configuration.campaigns.url is required",
            "\"url\":5," + ID + "," + DATES
                    + "| event.poller.configuration.campaigns.url must be a string, got number 5",
            "\"url\":\"https://evil.example/x\"," + ID + "," + DATES
                    + "| event.poller.configuration.campaigns.url 'https://evil.example/x' must be a hub path starting with /hubs/ (e.g. /hubs/marketing/campaigns?where=...)",
            "\"url\":\"/hubs/../instances\"," + ID + "," + DATES
                    + "| event.poller.configuration.campaigns.url '/hubs/../instances' must not contain . or .. path segments",
            "\"url\":\"/hubs/%2E%2e/instances\"," + ID + "," + DATES
                    + "| event.poller.configuration.campaigns.url '/hubs/%2E%2e/instances' must not contain . or .. path segments",
            "\"url\":\"/hubs/x?since=${foo}\"," + ID + "," + DATES
                    + "| event.poller.configuration.campaigns.url has an unknown placeholder ${foo}; known: ${gmtDate:<pattern>}, ${date:<pattern>}, ${date}, ${epoch}, ${epoch:ms}, ${epoch:s}, ${epoch:us}",
            "\"url\":\"/hubs/x?since=${gmtDate:yyyy-MM-ddQ}\"," + ID + "," + DATES
                    + "| event.poller.configuration.campaigns.url has an invalid date pattern 'yyyy-MM-ddQ' in ${gmtDate:yyyy-MM-ddQ}: Illegal pattern character 'Q'",
            URL + "," + DATES
                    + "| event.poller.configuration.campaigns.idField is required",
            URL + ",\"idField\":\"data..id\"," + DATES
                    + "| event.poller.configuration.campaigns.idField 'data..id' is not a JSON path like id, data.id or $.data.id",
            URL + "," + ID
                    + "| event.poller.configuration.campaigns.datesConfiguration is required (at least its updatedDateField)",
            URL + "," + ID + ",\"datesConfiguration\":\"x\""
                    + "| event.poller.configuration.campaigns.datesConfiguration must be a JSON object, got string \"x\"",
            URL + "," + ID + ",\"datesConfiguration\":{}"
                    + "| event.poller.configuration.campaigns.datesConfiguration.updatedDateField is required",
            URL + "," + ID + ",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"updatedDateFormat\":\"yyyy-MM-ddQ\"}"
                    + "| event.poller.configuration.campaigns.datesConfiguration.updatedDateFormat 'yyyy-MM-ddQ' is not a valid date pattern: Illegal pattern character 'Q' (use a java.text.SimpleDateFormat pattern or milliseconds)",
            URL + "," + ID + ",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"createdDateFormat\":\"yyyy'T\"}"
                    + "| event.poller.configuration.campaigns.datesConfiguration.createdDateFormat 'yyyy'T' is not a valid date pattern: Unterminated quote (use a java.text.SimpleDateFormat pattern or milliseconds)",
            URL + "," + ID + ",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"updatedDateTimezone\":\"Mars/Olympus\"}"
                    + "| event.poller.configuration.campaigns.datesConfiguration.updatedDateTimezone 'Mars/Olympus' is not a known time zone id (e.g. UTC, Europe/Berlin, America/New_York, +02:00)",
            URL + "," + ID + ",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"createdDateTimezone\":\"\"}"
                    + "| event.poller.configuration.campaigns.datesConfiguration.createdDateTimezone '' is not a known time zone id (e.g. UTC, Europe/Berlin, America/New_York, +02:00)",
            URL + "," + ID + "," + DATES + ",\"pageSize\":0"
                    + "| event.poller.configuration.campaigns.pageSize must be a whole number from 1 to 500, got 0",
            URL + "," + ID + "," + DATES + ",\"pageSize\":\"-3\""
                    + "| event.poller.configuration.campaigns.pageSize must be a whole number from 1 to 500, got -3",
            URL + "," + ID + "," + DATES + ",\"pageSize\":10.5"
                    + "| event.poller.configuration.campaigns.pageSize must be a whole number from 1 to 500, got 10.5",
            URL + "," + ID + "," + DATES + ",\"pageSize\":501"
                    + "| event.poller.configuration.campaigns.pageSize must be a whole number from 1 to 500, got 501",
            URL + "," + ID + "," + DATES + ",\"pageSize\":\"lots\""
                    + "| event.poller.configuration.campaigns.pageSize must be a number, got string \"lots\"",
            URL + "," + ID + "," + DATES + ",\"pollDelay\":-1"
                    + "| event.poller.configuration.campaigns.pollDelay must be between 0 and 86400 seconds, got -1",
            URL + "," + ID + "," + DATES + ",\"createdCheckTolerance\":86401"
                    + "| event.poller.configuration.campaigns.createdCheckTolerance must be between 0 and 86400 seconds, got 86401",
            URL + "," + ID + "," + DATES + ",\"filterByUpdatedDate\":\"yes\""
                    + "| event.poller.configuration.campaigns.filterByUpdatedDate must be true or false, got string \"yes\"",
            URL + "," + ID + "," + DATES + ",\"sweeps\":[]"
                    + "| event.poller.configuration.campaigns.sweeps must be a JSON object of sweep name to sweep, got array []",
            URL + "," + ID + "," + DATES + ",\"sweeps\":{\"a b\":{}}"
                    + "| event.poller.configuration.campaigns.sweeps has an invalid sweep name 'a b'; use 1 to 100 letters, digits, '_', '-' or '.'",
            URL + "," + ID + "," + DATES + ",\"sweeps\":{\"full\":true}"
                    + "| event.poller.configuration.campaigns.sweeps.full must be a JSON object (interval, url, complete, pageSize), got true",
            URL + "," + ID + "," + DATES + ",\"sweeps\":{\"full\":{\"interval\":86401}}"
                    + "| event.poller.configuration.campaigns.sweeps.full.interval must be between 0 and 86400 seconds, got 86401",
            URL + "," + ID + "," + DATES + ",\"sweeps\":{\"full\":{\"interval\":-1}}"
                    + "| event.poller.configuration.campaigns.sweeps.full.interval must be between 0 and 86400 seconds, got -1",
            URL + "," + ID + "," + DATES + ",\"sweeps\":{\"u\":{\"url\":\"https://evil.example/x\"}}"
                    + "| event.poller.configuration.campaigns.sweeps.u.url 'https://evil.example/x' must be a hub path starting with /hubs/ (e.g. /hubs/marketing/campaigns?where=...)",
            URL + "," + ID + "," + DATES + ",\"sweeps\":{\"u\":{\"complete\":\"maybe\"}}"
                    + "| event.poller.configuration.campaigns.sweeps.u.complete must be true or false, got string \"maybe\"",
            URL + "," + ID + "," + DATES + ",\"sweeps\":{\"u\":{\"pageSize\":501}}"
                    + "| event.poller.configuration.campaigns.sweeps.u.pageSize must be a whole number from 1 to 500, got 501",
    })
    void resourceErrorsNameTheExactKeyAndWhy(String members, String message) {
        assertEquals(message, error(campaigns(members)));
    }

    @Test
    void atMostFiftyResources() {
        String many = IntStream.rangeClosed(1, 51)
                .mapToObj(i -> "\"r" + i + "\":{" + URL + "," + ID + "," + DATES + "}")
                .collect(Collectors.joining(",", "{", "}"));
        assertEquals("event.poller.configuration has 51 resources; at most 50 are allowed", error(many));
        assertEquals(50, PollerConfiguration.parse(many.replace(",\"r51\":{" + URL + "," + ID + "," + DATES + "}", ""))
                .resources().size());
    }

    @Test
    void overlongUrlIsRefused() {
        String url = "/hubs/marketing/" + "a".repeat(2100);
        assertEquals("event.poller.configuration.campaigns.url is 2116 characters long; at most 2048 are allowed",
                error(campaigns("\"url\":\"" + url + "\"," + ID + "," + DATES)));
    }

    @Test
    void unknownKeysAreIgnoredAndNullsCountAsAbsent() {
        PollerResource resource = PollerConfiguration.parse(campaigns(URL + "," + ID + "," + DATES
                + ",\"somethingElse\":[1],\"pageSize\":null,\"pollDelay\":null")).resources().get("campaigns");
        assertEquals(100, resource.pageSize());
        assertEquals(Duration.ZERO, resource.pollDelay());
    }

    @Test
    void shortZoneIdsAndOffsetsAreAccepted() {
        PollerResource resource = PollerConfiguration.parse(campaigns(URL + "," + ID
                + ",\"datesConfiguration\":{\"updatedDateField\":\"u\",\"updatedDateTimezone\":\"PST\",\"createdDateTimezone\":\"+02:00\"}"))
                .resources().get("campaigns");
        assertEquals(ZoneId.of("America/Los_Angeles"), resource.datesConfiguration().updatedDateTimezone());
        assertEquals(ZoneId.of("+02:00"), resource.datesConfiguration().createdDateTimezone());
    }

    /** A number with a huge exponent is refused in a short message, before anything prints or converts it. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"1e999999999\"", "1e999999999", "\"1e-999999999\"", "1e10000000"})
    void hugeExponentsAreRefusedInAShortMessage(String number) {
        for (String key : List.of("pageSize", "pollDelay", "createdCheckTolerance")) {
            String message = error(campaigns(URL + "," + ID + "," + DATES + ",\"" + key + "\":" + number));
            assertTrue(message.length() < 300, message);
            assertTrue(message.contains(key + " must be a number of at most 40 digits"), message);
        }
    }
    @Test
    void sweepsParseWithTheirDefaultsAndWriteBack() {
        PollerResource resource = PollerConfiguration.parse(campaigns(URL + "," + ID + "," + DATES
                + ",\"sweeps\":{\"full\":{},\"some\":{\"interval\":0,\"url\":\"/hubs/marketing/campaigns?where=x='1'\",\"pageSize\":50}}"))
                .resources().get("campaigns");
        Sweep full = resource.sweeps().get("full");
        assertEquals(Duration.ofDays(1), full.interval());
        assertTrue(full.complete(), "without a url it lists the whole resource");
        assertEquals(500, full.pageSize());
        assertEquals(resource.url(), full.urlOf(resource));
        Sweep some = resource.sweeps().get("some");
        assertEquals(Duration.ZERO, some.interval());
        assertFalse(some.complete(), "a url of its own is a partial listing unless said otherwise");
        assertEquals(50, some.pageSize());
        assertEquals(List.of("full", "some"), List.copyOf(resource.sweeps().keySet()));
        PollerConfiguration configuration = new PollerConfiguration(java.util.Map.of("campaigns", resource));
        assertEquals(configuration, PollerConfiguration.parse(configuration.toJson()));
        String six = IntStream.rangeClosed(1, 6).mapToObj(i -> "\"s" + i + "\":{}").collect(Collectors.joining(","));
        assertEquals("event.poller.configuration.campaigns.sweeps has 6 sweeps; at most 5 are allowed",
                error(campaigns(URL + "," + ID + "," + DATES + ",\"sweeps\":{" + six + "}")));
    }

    @Test
    void constantContactSweepsUnsubscribesOnEveryRunAndContactsAndListsDaily() {
        PollerConfiguration defaults = PollerConfiguration.constantContactDefaults();
        assertEquals(java.util.Map.of(), defaults.resources().get("campaigns").sweeps());
        Sweep unsubscribes = defaults.resources().get("contacts").sweeps().get("unsubscribes");
        assertEquals(Duration.ZERO, unsubscribes.interval());
        assertFalse(unsubscribes.complete());
        assertEquals("/hubs/marketing/contacts?where=status='unsubscribed'", unsubscribes.url().orElseThrow().template());
        for (String name : List.of("contacts", "lists")) {
            Sweep full = defaults.resources().get(name).sweeps().get("full");
            assertEquals(Duration.ofDays(1), full.interval(), name);
            assertTrue(full.complete(), name);
            assertEquals("/hubs/marketing/" + name + "?where=status='ALL'", full.url().orElseThrow().template());
        }
    }
}
