package dev.changewire.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.platform.control.SecretDigest;
import dev.changewire.platform.control.SecretGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OAuthServerTest {

    static final String REDIRECT = "https://app.example.com/cb?x=1";

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-27T13:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final OAuthServer server = server(clock);

    static OAuthServer server(Clock clock) {
        OAuthServer server = new OAuthServer();
        server.settings = new SandboxSettings() {
            @Override
            public Duration accessTokenLifetime() {
                return Duration.ofHours(24);
            }

            @Override
            public Duration refreshTokenIdleExpiry() {
                return Duration.ofDays(180);
            }
        };
        server.accounts = new SandboxAccounts() {
            @Override
            public Account account(String name) {
                return null;
            }
        };
        server.digest = new SecretDigest();
        server.generator = new SecretGenerator();
        server.clock = clock;
        return server;
    }

    String code(String scope) {
        URI redirect = server.authorize("client", REDIRECT, "code", scope, "a b", null);
        assertTrue(redirect.toString().startsWith(REDIRECT + "&code="), redirect.toString());
        assertTrue(redirect.toString().endsWith("&state=a%20b"), redirect.toString());
        String query = redirect.getRawQuery();
        return query.replaceAll(".*code=([^&]+).*", "$1");
    }

    @Test
    void codesExpireAfterFiveMinutes() {
        String fresh = code("contact_data offline_access");
        String stale = code("contact_data offline_access");
        clock.now = clock.now.plus(Duration.ofMinutes(5)).minusMillis(1);
        server.exchangeCode("client", fresh, REDIRECT);
        clock.now = clock.now.plusMillis(1);
        OAuthError e = assertThrows(OAuthError.class, () -> server.exchangeCode("client", stale, REDIRECT));
        assertEquals("invalid_grant", e.error());
        assertTrue(e.getMessage().contains("expired"));
    }

    @Test
    void accessTokensExpire() {
        var tokens = server.exchangeCode("client", code("contact_data offline_access"), REDIRECT);
        assertEquals(86400, tokens.expiresIn());
        assertTrue(server.accessGrant(tokens.accessToken()).isPresent());
        clock.now = clock.now.plus(Duration.ofHours(24));
        assertFalse(server.accessGrant(tokens.accessToken()).isPresent());
    }

    @Test
    void noRefreshTokenWithoutOfflineAccess() {
        var tokens = server.exchangeCode("client", code("contact_data"), REDIRECT);
        assertNull(tokens.refreshToken());
        assertEquals("contact_data", tokens.scope());
    }

    @Test
    void unknownScopesAreRefused() {
        OAuthError e = assertThrows(OAuthError.class, () -> server.authorize("client", REDIRECT, "code", "contact_data everything", null, null));
        assertEquals("invalid_request", e.error());
        assertTrue(e.getMessage().contains("everything"));
    }

    @Test
    void concurrentUsesOfOneCodeOrRefreshTokenSucceedOnce() throws Exception {
        String code = code("contact_data offline_access");
        assertEquals(1, successes(() -> server.exchangeCode("client", code, REDIRECT)));
        String refresh = server.exchangeCode("client", code("contact_data offline_access"), REDIRECT).refreshToken();
        assertEquals(1, successes(() -> server.refresh("client", refresh)));
    }

    @Test
    void refreshTokensExpireAfter180DaysUnusedAndEachUseStartsAfresh() {
        String first = server.exchangeCode("client", code("contact_data offline_access"), REDIRECT).refreshToken();
        clock.now = clock.now.plus(Duration.ofDays(180));
        String second = server.refresh("client", first).refreshToken();
        clock.now = clock.now.plus(Duration.ofDays(180)).plusMillis(1);
        OAuthError e = assertThrows(OAuthError.class, () -> server.refresh("client", second));
        assertEquals("invalid_grant", e.error());
        assertTrue(e.getMessage().contains("not used for more than 180 days"), e.getMessage());
    }

    @Test
    void refreshTokensBelongToTheirClient() {
        String refresh = server.exchangeCode("client", code("contact_data offline_access"), REDIRECT).refreshToken();
        assertThrows(OAuthError.class, () -> server.refresh("other", refresh));
        server.refresh("client", refresh);
    }

    static int successes(Callable<?> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(call));
            }
            int ok = 0;
            for (Future<?> f : futures) {
                try {
                    f.get();
                    ok++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertEquals("invalid_grant", ((OAuthError) e.getCause()).error());
                }
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }
}
