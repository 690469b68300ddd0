package dev.changewire.sandbox.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.platform.control.QuotaDay;
import dev.changewire.sandbox.control.SandboxSettings;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class SandboxStartupCheckTest {

    @Test
    void onPostgresqlTheSandboxNeedsTheSecondFlag() {
        var refused = assertThrows(IllegalStateException.class,
                () -> check(true, Map.of("changewire.db.url", "jdbc:postgresql://127.0.0.1/cw")));
        assertTrue(refused.getMessage().contains("changewire.sandbox.allow-postgresql"), refused::getMessage);
        assertDoesNotThrow(() -> check(true, Map.of("changewire.db.url", "jdbc:postgresql://127.0.0.1/cw",
                "changewire.sandbox.allow-postgresql", "true")));
    }

    @Test
    void h2OrNoSandboxStartAsBefore() {
        assertDoesNotThrow(() -> check(true, Map.of()));
        assertDoesNotThrow(() -> check(true, Map.of("changewire.db.url", "jdbc:h2:file:./data/changewire")));
        assertDoesNotThrow(() -> check(false, Map.of("changewire.db.url", "jdbc:postgresql://127.0.0.1/cw")));
    }

    private static void check(boolean enabled, Map<String, String> values) {
        SandboxStartupCheck check = new SandboxStartupCheck();
        check.settings = new SandboxSettings() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<String> adminSecret() {
                return Optional.empty();
            }

            @Override
            public QuotaDay quotaDay() {
                return QuotaDay.UTC;
            }
        };
        check.config = (Config) Proxy.newProxyInstance(SandboxStartupCheckTest.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        String value = values.get((String) args[0]);
                        return Optional.ofNullable(value == null ? null : args[1] == Boolean.class ? (Object) Boolean.valueOf(value) : value);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        check.check();
    }
}
