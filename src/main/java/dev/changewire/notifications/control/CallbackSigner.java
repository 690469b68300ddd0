package dev.changewire.notifications.control;

import dev.changewire.instances.control.ConfigurationKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Cloud Elements' callback signature: {@code Elements-Webhook-Signature: sha256=<Base64(HMAC-SHA256(key, body))>},
 * keyed with the instance's {@code event.notification.signature.key} as UTF-8 bytes.
 */
@ApplicationScoped
public class CallbackSigner {

    public static final String HEADER = "Elements-Webhook-Signature";

    /** The header's value for these exact body bytes. */
    public String signature(String key, byte[] body) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(ConfigurationKeys.SIGNATURE_KEY + " must not be empty");
        }
        return "sha256=" + Base64.getEncoder().encodeToString(Hmac.sha256(key.getBytes(StandardCharsets.UTF_8), body));
    }
}
