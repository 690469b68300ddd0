package dev.changewire.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.platform.control.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"oauth.api.secret", "oauth.user.refresh_token", "oauth.user.token", "event.notification.signature.key",
            "event.notification.basic.password", "event.notification.webhook.secret", "some.other.access_token", "X.Password"})
    void secretsAreMasked(String key) {
        assertTrue(SecretKeys.isSecret(key));
        assertEquals("********", SecretKeys.display(key, "s3cr3t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauth.api.key", "oauth.callback.url", "event.notification.callback.url", "event.poller.configuration",
            "event.notification.basic.username"})
    void othersAreShown(String key) {
        assertFalse(SecretKeys.isSecret(key));
        assertEquals("value", SecretKeys.display(key, "value"));
    }

    @Test
    void nullStaysNull() {
        assertNull(SecretKeys.display("oauth.api.secret", null));
    }

    @Test
    void theMaskSentBackKeepsTheStoredSecret() {
        var current = new Instances.Current("constantcontact", "n", List.of(), Map.of("oauth.api.secret", "stored"), Map.of());
        assertEquals("stored", InstanceProvisioning.unmask("oauth.api.secret", "********", current));
        assertEquals("new", InstanceProvisioning.unmask("oauth.api.secret", "new", current));
        // the mask is an ordinary value for keys that are not secrets
        assertEquals("********", InstanceProvisioning.unmask("oauth.api.key", "********", current));
        assertNull(InstanceProvisioning.unmask("oauth.user.refresh_token", "********", current));
        assertThrows(ApiException.class, () -> InstanceProvisioning.unmask("event.notification.signature.key", "********", current));
    }

    @Test
    void providerTokensNeverBecomeConfigurationEntries() {
        Map<String, String> kept = InstanceProvisioning.withoutTokens(Map.of("oauth.user.token", "a", "oauth.user.refresh_token", "r", "k", "v"));
        assertEquals(Map.of("k", "v"), kept);
    }
}
