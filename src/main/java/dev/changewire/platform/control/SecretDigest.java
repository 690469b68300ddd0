package dev.changewire.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One-way digests of bearer secrets (user, organization and instance secrets).
 * The secrets are 32 random bytes, so a fast unsalted SHA-256 is enough: there is nothing to
 * brute-force, and a deterministic digest lets the database find the owner by an indexed column.
 */
@ApplicationScoped
public class SecretDigest {

    public String digest(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Compares in constant time, so the time taken says nothing about how much of a guess was right. */
    public boolean matches(String secret, String storedDigest) {
        if (secret == null || storedDigest == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(secret).getBytes(StandardCharsets.US_ASCII),
                storedDigest.getBytes(StandardCharsets.US_ASCII));
    }
}
