package dev.changewire.hubs.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.changewire.hubs.entity.ProviderUnavailable;
import dev.changewire.hubs.entity.ProviderUnavailable.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HubErrorsTest {

    static final Instant NOW = Instant.parse("2026-11-27T22:00:00.500Z");

    static HubErrors of(Kind kind, int status, Instant until) {
        return HubErrors.of(new ProviderUnavailable(kind, "m", status, "provider says", until), NOW);
    }

    @Test
    void limitsAre429WithRetryAfter() {
        HubErrors quota = of(Kind.QUOTA_PAUSED, 429, Instant.parse("2026-11-28T00:00:00Z"));
        assertEquals(429, quota.status());
        assertEquals(7200, quota.retryAfterSeconds());
        assertEquals("provider says", quota.providerMessage());
        assertEquals(3, of(Kind.RATE_LIMITED, 429, NOW.plusMillis(2100)).retryAfterSeconds());
        assertEquals(1, of(Kind.RATE_LIMITED, 0, null).retryAfterSeconds());
        assertEquals(1, of(Kind.RATE_LIMITED, 0, NOW.minusSeconds(5)).retryAfterSeconds());
    }

    @Test
    void providerFailuresAre502AndRefusalsKeepTheProvidersStatus() {
        assertEquals(502, of(Kind.PROVIDER_ERROR, 503, null).status());
        assertEquals(502, of(Kind.PROVIDER_ERROR, 0, null).status());
        assertEquals(404, of(Kind.PROVIDER_REJECTED, 404, null).status());
        assertEquals(400, of(Kind.PROVIDER_REJECTED, 400, null).status());
        assertEquals(502, of(Kind.PROVIDER_REJECTED, 302, null).status());
        assertNull(of(Kind.PROVIDER_REJECTED, 404, null).retryAfterSeconds());
    }

    @Test
    void invalidCredentialsAre401() {
        assertEquals(401, of(Kind.INVALID_CREDENTIALS, 400, null).status());
    }
}
