package dev.changewire.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretDigestTest {

    private final SecretDigest digest = new SecretDigest();

    @Test
    void knownSha256Vector() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest.digest("abc"));
    }

    @Test
    void matchesOnlyTheSameSecret() {
        String stored = digest.digest("s3cret");
        assertTrue(digest.matches("s3cret", stored));
        assertFalse(digest.matches("s3cret ", stored));
        assertFalse(digest.matches("S3cret", stored));
        assertFalse(digest.matches(null, stored));
        assertFalse(digest.matches("s3cret", null));
    }

    @Test
    void generatedSecretsAreLongAndDistinct() {
        SecretGenerator generator = new SecretGenerator();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String s = generator.newSecret();
            assertEquals(43, s.length(), "32 bytes, URL-safe base64 without padding");
            assertTrue(s.matches("[A-Za-z0-9_-]+"), s);
            assertTrue(seen.add(s));
        }
        assertNotEquals(digest.digest(generator.newSecret()), digest.digest(generator.newSecret()));
    }
}
