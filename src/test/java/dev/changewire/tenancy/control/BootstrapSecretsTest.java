package dev.changewire.tenancy.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapSecretsTest {

    @Test
    void shorterThan32IsRefusedWithoutShowingTheValue() {
        var e = assertThrows(IllegalStateException.class,
                () -> BootstrapSecrets.check("changewire.bootstrap.user-secret", "short-secret-0123456789abcdefgh", true));
        assertTrue(e.getMessage().contains("changewire.bootstrap.user-secret") && e.getMessage().contains("32"), e::getMessage);
        assertFalse(e.getMessage().contains("short-secret"), "the message never carries the secret");
        assertDoesNotThrow(() -> BootstrapSecrets.check("k", "x".repeat(32), false));
    }

    @Test
    void theDemoSecretsOnlyWithTheDemo() {
        for (String demo : BootstrapSecrets.PUBLIC_DEMO_SECRETS) {
            var e = assertThrows(IllegalStateException.class, () -> BootstrapSecrets.check("changewire.bootstrap.organization-secret", demo, false));
            assertTrue(e.getMessage().contains("demo"), e::getMessage);
            assertFalse(e.getMessage().contains(demo));
            assertDoesNotThrow(() -> BootstrapSecrets.check("changewire.bootstrap.organization-secret", demo, true));
        }
    }
}
