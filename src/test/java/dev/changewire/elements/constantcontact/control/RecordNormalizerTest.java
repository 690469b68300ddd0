package dev.changewire.elements.constantcontact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordNormalizerTest {

    private static final String CAMPAIGN = """
            {"campaign_id":"3b9a5c1e-7c2f-4d4e-9e1a-0f0b8e5f6a11","created_at":"2025-11-02T09:15:30.120Z",
             "current_status":"Draft","name":"November newsletter","type":"NEWSLETTER","type_code":10,
             "updated_at":"2025-11-27T13:00:00Z"}
            """;

    private static final String CONTACT = """
            {"contact_id":"1618ae62-4752-11e9-9c8a-fa163e6b01c1",
             "email_address":{"address":"jane.doe@example.com","permission_to_send":"implicit",
                              "created_at":"2025-01-10T10:00:00Z","updated_at":"2025-01-10T10:00:00Z",
                              "opt_in_source":"Contact"},
             "first_name":"Jane","last_name":"Doe","job_title":"Director","company_name":"Acme",
             "create_source":"Account","update_source":"Contact",
             "created_at":"2025-01-10T10:00:00-05:00","updated_at":"2025-03-05T08:30:12.5+01:00",
             "list_memberships":["07936f78-662a-11eb-af0a-fa163e56c9b0"],"taggings":[],"custom_fields":[]}
            """;

    private static final String LIST = """
            {"list_id":"07936f78-662a-11eb-af0a-fa163e56c9b0","name":"Newsletter","description":"Monthly news",
             "favorite":false,"created_at":"2024-06-01T00:00:00.000Z","updated_at":"2025-02-01T12:00:00.000Z",
             "membership_count":1250}
            """;

    @Test
    void aCampaignKeepsItsFieldsAndGainsTheHubOnes() {
        NormalizedRecord normalized = RecordNormalizer.campaign(json(CAMPAIGN));
        JsonObject record = normalized.record();
        assertEquals(List.of(), normalized.problems());
        assertKeeps(json(CAMPAIGN), record);
        assertEquals("3b9a5c1e-7c2f-4d4e-9e1a-0f0b8e5f6a11", record.getString("id"));
        assertEquals("2025-11-02T09:15:30.120Z", record.getString("created_date"));
        assertEquals("2025-11-27T13:00:00Z", record.getString("modified_date"));
        assertEquals("Draft", record.getString("status"));
        assertFalse(record.containsKey("deleted_date"));
    }

    @Test
    void aRemovedCampaignIsDeletedWhenItWasLastUpdated() {
        JsonObject source = Json.createObjectBuilder(json(CAMPAIGN)).add("current_status", "Removed")
                .add("updated_at", "2025-11-28T08:00:00.000+01:00").build();
        JsonObject record = RecordNormalizer.campaign(source).record();
        assertEquals("Removed", record.getString("status"));
        assertEquals("2025-11-28T07:00:00Z", record.getString("deleted_date"));
        assertEquals("2025-11-28T07:00:00Z", record.getString("modified_date"));
    }

    @Test
    void aContactGainsTheHubFieldsWithDatesInUtc() {
        NormalizedRecord normalized = RecordNormalizer.contact(json(CONTACT));
        JsonObject record = normalized.record();
        assertEquals(List.of(), normalized.problems());
        assertKeeps(json(CONTACT), record);
        assertEquals("1618ae62-4752-11e9-9c8a-fa163e6b01c1", record.getString("id"));
        assertEquals("2025-01-10T15:00:00Z", record.getString("created_date"));
        assertEquals("2025-03-05T07:30:12.500Z", record.getString("modified_date"));
        assertEquals("implicit", record.getString("status"));
        assertFalse(record.containsKey("deleted_date"));
        // Constant Contact's own fields are not rewritten
        assertEquals("2025-01-10T10:00:00-05:00", record.getString("created_at"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            {"deleted_at":"2025-04-01T00:00:00Z","email_address":{"permission_to_send":"explicit"}} | deleted
            {"deleted_at":null,"email_address":{"permission_to_send":"explicit"}}                   | explicit
            {"email_address":{"permission_to_send":"unsubscribed"}}                                  | unsubscribed
            {"email_address":{"permission_to_send":null}}                                            | active
            {"email_address":{"address":"a@b.c"}}                                                    | active
            {"email_address":"a@b.c"}                                                                | active
            {}                                                                                       | active
            {"deleted_at":"garbage"}                                                                 | deleted
            {"deleted_at":"  "}                                                                      | active
            """)
    void aContactsStatus(String fields, String status) {
        JsonObject source = merge(json(CONTACT), json(fields));
        if (!json(fields).containsKey("email_address")) {
            source = Json.createObjectBuilder(source).remove("email_address").build();
        }
        assertEquals(status, RecordNormalizer.contact(source).record().getString("status"));
    }

    @Test
    void aDeletedContactCarriesItsDeletedDate() {
        JsonObject source = merge(json(CONTACT), json("{\"deleted_at\":\"2025-04-01T10:00:00.250+02:00\"}"));
        JsonObject record = RecordNormalizer.contact(source).record();
        assertEquals("deleted", record.getString("status"));
        assertEquals("2025-04-01T08:00:00.250Z", record.getString("deleted_date"));
    }

    @Test
    void aListIsActiveOrDeleted() {
        NormalizedRecord active = RecordNormalizer.list(json(LIST));
        assertEquals(List.of(), active.problems());
        assertKeeps(json(LIST), active.record());
        assertEquals("07936f78-662a-11eb-af0a-fa163e56c9b0", active.record().getString("id"));
        assertEquals("2024-06-01T00:00:00Z", active.record().getString("created_date"));
        assertEquals("2025-02-01T12:00:00Z", active.record().getString("modified_date"));
        assertEquals("active", active.record().getString("status"));
        assertFalse(active.record().containsKey("deleted_date"));

        JsonObject deleted = RecordNormalizer.list(merge(json(LIST), json("{\"deleted_at\":\"2025-02-02T00:00:00Z\"}"))).record();
        assertEquals("deleted", deleted.getString("status"));
        assertEquals("2025-02-02T00:00:00Z", deleted.getString("deleted_date"));
    }

    @Test
    void badOrMissingDatesAreLeftOutAndReported() {
        JsonObject source = Json.createObjectBuilder(json(CONTACT))
                .add("created_at", "last tuesday").add("updated_at", 1736503200000L)
                .add("deleted_at", "2025-13-45T00:00:00Z").build();
        NormalizedRecord normalized = RecordNormalizer.contact(source);
        assertEquals(List.of("created_at: not a date: \"last tuesday\"", "updated_at: not a date: 1736503200000",
                "deleted_at: not a date: \"2025-13-45T00:00:00Z\""), normalized.problems());
        assertTrue(normalized.hasProblems());
        JsonObject record = normalized.record();
        assertFalse(record.containsKey("created_date"));
        assertFalse(record.containsKey("modified_date"));
        assertFalse(record.containsKey("deleted_date"));
        assertEquals("deleted", record.getString("status"));
        assertEquals("last tuesday", record.getString("created_at"));

        NormalizedRecord bare = RecordNormalizer.list(json("{\"name\":\"x\",\"created_at\":null}"));
        assertEquals(List.of("list_id: missing", "created_at: missing", "updated_at: missing"), bare.problems());
        assertEquals(json("{\"name\":\"x\",\"created_at\":null,\"status\":\"active\"}"), bare.record());
    }

    @Test
    void aRemovedCampaignWithoutAnUpdateDateHasNoDeletedDate() {
        JsonObject source = Json.createObjectBuilder(json(CAMPAIGN)).add("current_status", "Removed")
                .remove("updated_at").build();
        NormalizedRecord normalized = RecordNormalizer.campaign(source);
        assertEquals(List.of("updated_at: missing"), normalized.problems());
        assertFalse(normalized.record().containsKey("deleted_date"));
        assertEquals("Removed", normalized.record().getString("status"));
    }

    @Test
    void normalizesByResource() {
        assertEquals(RecordNormalizer.list(json(LIST)), RecordNormalizer.normalize(ConstantContactResource.LISTS, json(LIST)));
        assertEquals(RecordNormalizer.contact(json(CONTACT)),
                RecordNormalizer.normalize(ConstantContactResource.CONTACTS, json(CONTACT)));
        assertEquals(RecordNormalizer.campaign(json(CAMPAIGN)),
                RecordNormalizer.normalize(ConstantContactResource.CAMPAIGNS, json(CAMPAIGN)));
    }

    private static void assertKeeps(JsonObject source, JsonObject record) {
        for (var entry : source.entrySet()) {
            assertEquals(entry.getValue(), record.get(entry.getKey()), entry.getKey());
        }
    }

    private static JsonObject merge(JsonObject base, JsonObject changes) {
        var builder = Json.createObjectBuilder(base);
        changes.forEach((k, v) -> builder.add(k, v == null ? JsonValue.NULL : v));
        return builder.build();
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
