package dev.changewire.elements.constantcontact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.instances.entity.OAuthTokens;
import dev.changewire.platform.control.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenExchangeTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void readsAGrant() {
        OAuthTokens t = TokenExchange.interpret(200, """
                {"access_token":"at","refresh_token":"rt","token_type":"Bearer","expires_in":86400,"scope":"contact_data"}""", NOW);
        assertEquals("at", t.accessToken());
        assertEquals("rt", t.refreshToken());
        assertEquals(NOW.plusSeconds(86400), t.expiresAt());
        assertEquals("contact_data", t.scope());
        assertFalse(t.toString().contains("at,") || t.toString().contains("rt"), t.toString());
    }

    @Test
    void aRefusedCodeIsA400CarryingTheProvidersDescription() {
        ApiException e = assertThrows(ApiException.class, () -> TokenExchange.interpret(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"The authorization code is invalid or has expired.\"}", NOW));
        assertEquals(400, e.status());
        assertEquals("The authorization code is invalid or has expired.", e.providerMessage());
        assertTrue(e.getMessage().contains("providerData.code"), e.getMessage());
    }

    @Test
    void wrongClientCredentialsAreA400NamingThem() {
        ApiException e = assertThrows(ApiException.class, () -> TokenExchange.interpret(401, "{\"error\":\"invalid_client\"}", NOW));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("oauth.api.key"), e.getMessage());
        assertEquals("invalid_client", e.providerMessage());
    }

    @Test
    void providerFailuresAre502() {
        assertEquals(502, assertThrows(ApiException.class, () -> TokenExchange.interpret(503, "<html>down</html>", NOW)).status());
        assertEquals(502, assertThrows(ApiException.class, () -> TokenExchange.interpret(200, "{}", NOW)).status());
        assertEquals(502, assertThrows(ApiException.class, () -> TokenExchange.interpret(200, "not json", NOW)).status());
    }

    @Test
    void aMissingExpiryStaysUnknown() {
        assertNull(TokenExchange.interpret(200, "{\"access_token\":\"a\"}", NOW).expiresAt());
    }
}
