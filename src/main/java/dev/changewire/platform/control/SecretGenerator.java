package dev.changewire.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/** Random bearer secrets: 32 bytes from a SecureRandom, URL-safe base64 (43 characters). */
@ApplicationScoped
public class SecretGenerator {

    private final SecureRandom random = new SecureRandom();

    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
