package dev.changewire.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsCollectionQueryAndPosition() {
        Cursor cursor = new Cursor("contacts", Map.of("status", "all", "limit", "3", "email", "a+b@example.com"), "1700000000000:abc");
        String encoded = cursor.encode();
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), "URL-safe without escaping: " + encoded);
        assertEquals(cursor, Cursor.decode("contacts", encoded));
    }

    @Test
    void refusesACursorOfAnotherCollection() {
        String encoded = new Cursor("emails", Map.of(), "1:x").encode();
        ProviderError e = assertThrows(ProviderError.class, () -> Cursor.decode("contacts", encoded));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("cursor"));
    }

    @Test
    void refusesGarbage() {
        for (String garbage : new String[] {"", "!!!", "bm90IGpzb24", "W10", "x".repeat(9000)}) {
            ProviderError e = assertThrows(ProviderError.class, () -> Cursor.decode("contacts", garbage), garbage);
            assertEquals("query.param.invalid", e.key());
        }
    }
}
