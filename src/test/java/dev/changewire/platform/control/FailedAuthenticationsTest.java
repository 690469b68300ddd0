package dev.changewire.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class FailedAuthenticationsTest {

    static final Instant T = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void blockedAfterMaxFailuresUntilTheWindowEnds() {
        FailedAuthentications failures = failures(Map.of("changewire.auth.max-failures", 3));
        for (int i = 0; i < 3; i++) {
            assertTrue(failures.blocked("203.0.113.9", T).isEmpty(), "failure " + i);
            failures.failed("203.0.113.9", T.plusSeconds(i));
        }
        assertEquals(Optional.of(Duration.ofSeconds(60)), failures.blocked("203.0.113.9", T));
        assertEquals(Optional.of(Duration.ofSeconds(1)), failures.blocked("203.0.113.9", T.plusSeconds(59)));
        assertTrue(failures.blocked("203.0.113.9", T.plusSeconds(60)).isEmpty(), "a new window");
        assertTrue(failures.blocked("203.0.113.10", T).isEmpty(), "another address");
    }

    @Test
    void theBalancersHeaderOnlyWhenConfiguredAndItsLastEntry() {
        assertEquals("10.0.0.5", failures(Map.of()).clientAddress("10.0.0.5", h -> "198.51.100.1"));
        FailedAuthentications behindBalancer = failures(Map.of("changewire.auth.client-address-header", "X-Forwarded-For"));
        assertEquals("198.51.100.7", behindBalancer.clientAddress("10.0.0.5", h -> "1.2.3.4, 198.51.100.7"));
        assertEquals("10.0.0.5", behindBalancer.clientAddress("10.0.0.5", h -> null));
    }

    static FailedAuthentications failures(Map<String, Object> values) {
        FailedAuthentications failures = new FailedAuthentications();
        failures.config = (Config) Proxy.newProxyInstance(FailedAuthenticationsTest.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> Optional.ofNullable(values.get((String) args[0])));
        failures.init();
        return failures;
    }
}
