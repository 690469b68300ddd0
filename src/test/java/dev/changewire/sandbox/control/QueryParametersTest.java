package dev.changewire.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void limitDefaultsTo50AndAccepts1To500() {
        assertEquals(50, new QueryParameters(Map.of()).limit());
        assertEquals(1, new QueryParameters(Map.of("limit", "1")).limit());
        assertEquals(500, new QueryParameters(Map.of("limit", "500")).limit());
        for (String bad : new String[] {"0", "501", "-1", "ten", "2.5"}) {
            ProviderError e = assertThrows(ProviderError.class, () -> new QueryParameters(Map.of("limit", bad)).limit());
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
    }

    @Test
    void datesAcceptDateTimesWithOrWithoutOffsetAndPlainDates() {
        assertEquals(Instant.parse("2026-11-27T12:00:00.123Z"), new QueryParameters(Map.of("d", "2026-11-27T13:00:00.123+01:00")).instant("d"));
        assertEquals(Instant.parse("2026-11-27T13:00:00Z"), new QueryParameters(Map.of("d", "2026-11-27T13:00:00")).instant("d"));
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), new QueryParameters(Map.of("d", "2026-11-27")).instant("d"));
        ProviderError e = assertThrows(ProviderError.class, () -> new QueryParameters(Map.of("updated_after", "yesterday")).instant("updated_after"));
        assertTrue(e.getMessage().startsWith("updated_after"), e.getMessage());
    }

    @Test
    void choicesAreValidated() {
        assertEquals(Set.of("active", "deleted"), new QueryParameters(Map.of("status", "active, deleted")).choices("status", Contacts.STATUSES, 7));
        ProviderError e = assertThrows(ProviderError.class,
                () -> new QueryParameters(Map.of("status", "active,gone")).choices("status", Contacts.STATUSES, 7));
        assertTrue(e.getMessage().contains("'gone'"), e.getMessage());
        assertThrows(ProviderError.class, () -> new QueryParameters(Map.of("include_count", "yes")).bool("include_count"));
    }
}
