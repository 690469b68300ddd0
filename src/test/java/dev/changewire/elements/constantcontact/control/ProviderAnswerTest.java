package dev.changewire.elements.constantcontact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProviderAnswerTest {

    @Test
    void theTwoKindsOf429AreToldApart() {
        var throttled = ProviderAnswer.of(429, "[{\"error_key\":\"throttled\",\"error_message\":\"Too many requests\"}]");
        assertEquals(ProviderAnswer.Kind.THROTTLED, throttled.kind());
        assertEquals("Too many requests", throttled.providerMessage());
        var quota = ProviderAnswer.of(429, "[{\"error_key\":\"quota_exceeded\",\"error_message\":\"The daily quota is used up\"}]");
        assertEquals(ProviderAnswer.Kind.QUOTA_EXCEEDED, quota.kind());
        assertEquals("quota_exceeded", quota.errorKey());
        assertEquals(ProviderAnswer.Kind.THROTTLED, ProviderAnswer.of(429, "").kind());
    }

    @Test
    void statusesMapToWhatTheClientDoes() {
        assertEquals(ProviderAnswer.Kind.OK, ProviderAnswer.of(200, "{}").kind());
        assertEquals(ProviderAnswer.Kind.UNAUTHORIZED, ProviderAnswer.of(401, "[{\"error_key\":\"unauthorized\",\"error_message\":\"x\"}]").kind());
        assertEquals(ProviderAnswer.Kind.SERVER_ERROR, ProviderAnswer.of(503, "<html>busy</html>").kind());
        assertEquals("<html>busy</html>", ProviderAnswer.of(503, "<html>busy</html>").providerMessage());
        var notFound = ProviderAnswer.of(404, "[{\"error_key\":\"not_found\",\"error_message\":\"No contact\"},{\"error_message\":\"really\"}]");
        assertEquals(ProviderAnswer.Kind.REJECTED, notFound.kind());
        assertEquals("No contact; really", notFound.providerMessage());
        assertNull(ProviderAnswer.of(500, null).providerMessage());
        assertEquals(ProviderAnswer.MAX_MESSAGE + 3, ProviderAnswer.of(500, "x".repeat(5000)).providerMessage().length());
    }

    @Test
    void backoffGrowsIsJitteredAndCapped() {
        Random random = new Random(7);
        for (int retry = 1; retry <= 10; retry++) {
            Duration wait = Backoff.DEFAULT.before(retry, random);
            long ceiling = Math.min(8000, 500L << (retry - 1));
            assertTrue(wait.toMillis() >= ceiling / 2 && wait.toMillis() <= ceiling, retry + ": " + wait);
        }
        assertTrue(Backoff.DEFAULT.before(100, random).toMillis() <= 8000);
    }

    @Test
    void refreshAnswersSayWhetherToGiveUp() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        var granted = TokenExchange.interpretRefresh(200, "{\"access_token\":\"a\",\"refresh_token\":\"r2\",\"expires_in\":3}", now);
        assertTrue(granted.granted());
        assertEquals("r2", granted.tokens().refreshToken());
        assertEquals(now.plusSeconds(3), granted.tokens().expiresAt());
        var invalid = TokenExchange.interpretRefresh(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is invalid\"}", now);
        assertFalse(invalid.granted());
        assertTrue(invalid.invalidGrant());
        assertEquals("invalid_grant: The refresh token is invalid", invalid.providerMessage());
        var down = TokenExchange.interpretRefresh(503, "busy", now);
        assertFalse(down.granted());
        assertFalse(down.invalidGrant());
        assertFalse(TokenExchange.interpretRefresh(200, "{}", now).granted());
    }

    static final java.net.URI API = java.net.URI.create("http://127.0.0.1:8080/sandbox/constantcontact/v3");

    @Test
    void nextPageLinksAreFollowedAsGivenWithinTheirCollection() {
        var next = ProviderRequest.nextPage(ConstantContactResource.CONTACTS, "/v3/contacts?cursor=abc%3D%3D&limit=50&bogus=1", API);
        assertEquals("abc==", next.p("cursor"));
        assertEquals("50", next.p("limit"));
        assertEquals("1", next.p("bogus"), "a parameter the element does not know is kept");
        assertEquals("http://127.0.0.1:8080/sandbox/constantcontact/v3/contacts?cursor=abc%3D%3D&limit=50&bogus=1", next.next().toString());
        // Constant Contact's recorded campaign links: no cursor at all
        var campaigns = ProviderRequest.nextPage(ConstantContactResource.CAMPAIGNS,
                "/v3/emails?limit=1&next=MQ**&after_date=2026-11-27T12:00:00.000Z", API);
        assertEquals("http://127.0.0.1:8080/sandbox/constantcontact/v3/emails?limit=1&next=MQ**&after_date=2026-11-27T12:00:00.000Z",
                campaigns.next().toString());
        assertEquals("MQ**", campaigns.p("next"));
        var absolute = ProviderRequest.nextPage(ConstantContactResource.LISTS, "http://127.0.0.1:8080/v3/contact_lists?cursor=x", API);
        assertTrue(absolute.isNextPage());
        assertEquals(java.net.URI.create("https://api.cc.email/v3/emails?next=a"),
                ProviderRequest.nextPage(ConstantContactResource.CAMPAIGNS, "https://api.cc.email/v3/emails?next=a",
                        java.net.URI.create("https://api.cc.email/v3")).next());
        assertFalse(ProviderRequest.firstPage(ConstantContactResource.LISTS, java.util.Map.of(), 10).isNextPage());
    }

    @Test
    void anUnexpectedLinkIsRefusedNamingIt() {
        for (String[] bad : new String[][] {
                {"CONTACTS", "/v3/emails?cursor=x"},
                {"LISTS", "::not a uri"},
                {"LISTS", "http://evil.example.com/v3/contact_lists?cursor=x"},
                {"LISTS", "http://127.0.0.1:9999/v3/contact_lists?cursor=x"},
                {"LISTS", "http://user@127.0.0.1:8080/v3/contact_lists?cursor=x"},
                {"CAMPAIGNS", "/v3/emails?next=a#frag"},
                {"CAMPAIGNS", "/v3/x/../emails?next=a"},
                {"CAMPAIGNS", "mailto:someone@example.com"},
                {"CAMPAIGNS", "/v2/emails?next=a"},
                {"CAMPAIGNS", " "}}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ProviderRequest.nextPage(ConstantContactResource.valueOf(bad[0]), bad[1], API), bad[1]);
            assertTrue(bad[1].isBlank() || e.getMessage().contains(bad[1].strip().substring(0, Math.min(20, bad[1].strip().length()))),
                    e.getMessage());
        }
        String huge = "/v3/emails?next=" + "a".repeat(20_000);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProviderRequest.nextPage(ConstantContactResource.CAMPAIGNS, huge, API));
        assertTrue(e.getMessage().length() < 400, "the message names the link, abbreviated");
    }

    @Test
    void firstPagesKeepTheirLimitAndFilters() {
        var first = ProviderRequest.firstPage(ConstantContactResource.CAMPAIGNS, java.util.Map.of("after_date", java.util.List.of("2020-01-01T00:00:00Z")), 200);
        assertEquals("200", first.p("limit"));
        assertEquals("2020-01-01T00:00:00Z", first.p("after_date"));
    }
}
