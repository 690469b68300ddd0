package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.polling.entity.PollerConfiguration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HubUrlTest {

    @Test
    void defaultConfigurationExpandsToAHubQuery() {
        var campaigns = PollerConfiguration.constantContactDefaults().resource("campaigns").orElseThrow();
        String expanded = campaigns.url().expand(Instant.parse("2026-11-27T13:00:00.123Z"), ZoneOffset.UTC);
        HubUrl url = HubUrl.parse(expanded, campaigns.pageSize());
        assertEquals("campaigns", url.resource());
        assertEquals("modified_since='2026-11-27T13:00:00.123Z'", url.query().where());
        assertEquals(100, url.query().pageSize());
        assertNull(url.query().orderBy());
        assertNull(url.query().nextPage());
    }

    @Test
    void readsEveryHubParameterAndDecodesThem() {
        HubUrl url = HubUrl.parse("/hubs/marketing/contacts?where=updated_at%3E%3D'2026-11-27T13%3A00%3A00%2B02%3A00'"
                + "&orderBy=updated_at%20asc&fields=id,email&pageSize=25", 100);
        assertEquals("contacts", url.resource());
        assertEquals("updated_at>='2026-11-27T13:00:00+02:00'", url.query().where());
        assertEquals("updated_at asc", url.query().orderBy());
        assertEquals("id,email", url.query().fields());
        assertEquals(25, url.query().pageSize());
    }

    @Test
    void aPlusStaysAPlus() {
        HubUrl url = HubUrl.parse("/hubs/marketing/lists?where=modified_since='2026-11-27T13:00:00+01:00'", 10);
        assertEquals("modified_since='2026-11-27T13:00:00+01:00'", url.query().where());
    }

    @Test
    void withoutQueryTheResourcePageSizeApplies() {
        HubUrl url = HubUrl.parse("/hubs/marketing/lists/", 42);
        assertEquals("lists", url.resource());
        assertNull(url.query().where());
        assertEquals(42, url.query().pageSize());
    }

    @Test
    void refusesWhatTheHubDoesNotTake() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HubUrl.parse("/hubs/crm/contacts", 10))
                .getMessage().contains("marketing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HubUrl.parse("/hubs/marketing/contacts/5", 10))
                .getMessage().contains("one resource"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HubUrl.parse("/hubs/marketing/contacts?status=all", 10))
                .getMessage().contains("'status'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HubUrl.parse("/hubs/marketing/contacts?pageSize=0", 10))
                .getMessage().contains("pageSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HubUrl.parse("/hubs/marketing/contacts?where=%zz", 10))
                .getMessage().contains("percent"));
    }
}
