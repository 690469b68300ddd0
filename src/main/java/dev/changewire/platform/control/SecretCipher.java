package dev.changewire.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets at rest with AES-256-GCM: {@code v1:} + base64(12-byte nonce + ciphertext + tag).
 * GCM authenticates, so a tampered or wrongly keyed value fails loudly instead of decrypting to garbage.
 */
@ApplicationScoped
public class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private SecretKey key;

    protected SecretCipher() {
    }

    @Inject
    public SecretCipher(SecretsKey secretsKey) {
        this(secretsKey.key());
    }

    public SecretCipher(SecretKey key) {
        this.key = key;
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not an encrypted value");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("Encrypted value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a stored secret: was changewire.secrets.key changed?", e);
        }
    }

    /**
     * Seals a value handed to clients (page tokens): encrypted like a stored secret, then URL-safe
     * base64 so it travels in a query parameter untouched.
     */
    public String sealForUrl(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(encrypt(plain).getBytes(StandardCharsets.US_ASCII));
    }

    /** The value of a {@link #sealForUrl} token; throws a RuntimeException for anything this key did not seal. */
    public String openFromUrl(String token) {
        return decrypt(new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.US_ASCII));
    }
}
