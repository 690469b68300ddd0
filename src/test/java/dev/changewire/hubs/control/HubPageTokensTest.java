package dev.changewire.hubs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretCipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HubPageTokensTest {

    static final String WHERE = "modified_since='2020-01-01T00:00:00Z'";
    final HubPageTokens tokens = new HubPageTokens(new SecretCipher(new SecretKeySpec(new byte[32], "AES")));

    @Test
    void aTokenGivesBackItsPosition() {
        var position = new HubPageTokens.Position("/v3/contacts?cursor=abc|def", 17, 500);
        String token = tokens.issue(7, "contacts", WHERE, "id desc", position);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        assertFalse(token.contains("cursor"), "opaque");
        assertEquals(position, tokens.read(7, "contacts", " " + WHERE + " ", "id desc", token));
        var first = new HubPageTokens.Position(null, 3, 200);
        assertEquals(first, tokens.read(7, "contacts", null, null, tokens.issue(7, "contacts", null, null, first)));
    }

    @Test
    void aTokenIsBoundToItsInstanceResourceAndQuery() {
        String token = tokens.issue(7, "contacts", WHERE, null, new HubPageTokens.Position("/v3/contacts?cursor=x", 0, 50));
        assertEquals(400, assertThrows(ApiException.class, () -> tokens.read(8, "contacts", WHERE, null, token)).status());
        assertThrows(ApiException.class, () -> tokens.read(7, "lists", WHERE, null, token));
        assertThrows(ApiException.class, () -> tokens.read(7, "contacts", "modified_since='2020-01-02T00:00:00Z'", null, token));
        assertThrows(ApiException.class, () -> tokens.read(7, "contacts", null, null, token));
        assertThrows(ApiException.class, () -> tokens.read(7, "contacts", WHERE, "id", token));
    }

    @Test
    void forgedOrDamagedTokensAreRefused() {
        String token = tokens.issue(7, "contacts", null, null, new HubPageTokens.Position(null, 0, 50));
        char last = token.charAt(token.length() - 1);
        String damaged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThrows(ApiException.class, () -> tokens.read(7, "contacts", null, null, damaged));
        assertThrows(ApiException.class, () -> tokens.read(7, "contacts", null, null, "not base64 !"));
        assertThrows(ApiException.class, () -> tokens.read(7, "contacts", null, null, ""));
        HubPageTokens otherKey = new HubPageTokens(new SecretCipher(new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "AES")));
        assertThrows(ApiException.class, () -> otherKey.read(7, "contacts", null, null, token));
    }
}
