package dev.changewire.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static SecretCipher cipher(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i + seed);
        }
        return new SecretCipher(new SecretKeySpec(key, "AES"));
    }

    @Test
    void roundTripWithoutLeakingThePlaintext() {
        SecretCipher c = cipher(1);
        String sealed = c.encrypt("refresh-token-ÄÖ-✓");
        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("refresh"));
        assertEquals("refresh-token-ÄÖ-✓", c.decrypt(sealed));
    }

    @Test
    void freshNonceEveryTime() {
        SecretCipher c = cipher(1);
        assertNotEquals(c.encrypt("same"), c.encrypt("same"));
    }

    @Test
    void wrongKeyFailsLoudly() {
        String sealed = cipher(1).encrypt("secret");
        assertThrows(IllegalStateException.class, () -> cipher(2).decrypt(sealed));
    }

    @Test
    void tamperingIsDetected() {
        SecretCipher c = cipher(1);
        byte[] raw = Base64.getDecoder().decode(c.encrypt("secret").substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> c.decrypt(tampered));
    }

    @Test
    void nullsPassThroughAndGarbageIsRefused() {
        SecretCipher c = cipher(1);
        assertNull(c.encrypt(null));
        assertNull(c.decrypt(null));
        assertThrows(IllegalArgumentException.class, () -> c.decrypt("plain"));
        assertThrows(IllegalArgumentException.class, () -> c.decrypt("v1:AAAA"));
    }

    @Test
    void keyMustBe32Base64Bytes() {
        assertEquals(32, SecretsKey.decode(Base64.getEncoder().encodeToString(new byte[32]), "k").length);
        assertThrows(IllegalStateException.class, () -> SecretsKey.decode(Base64.getEncoder().encodeToString(new byte[16]), "k"));
        assertThrows(IllegalStateException.class, () -> SecretsKey.decode("not base64!", "k"));
    }
}
