package dev.changewire.notifications.control;

import dev.changewire.instances.control.ConfigurationKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/**
 * Standard Webhooks 1.0 signatures: secrets {@code whsec_<base64 of 24-64 random bytes>}, and
 * {@code webhook-signature: v1,<Base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>"))>}, one entry per
 * active secret, so a receiver keeps verifying while a secret is rotated.
 */
@ApplicationScoped
public class StandardWebhooksSigner {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String PREFIX = "whsec_";
    static final int SECRET_BYTES = 32;
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;
    static final String FIELD = ConfigurationKeys.WEBHOOK_SECRET;

    private final SecureRandom random = new SecureRandom();

    /** A new secret: {@code whsec_} and the standard base64 of 32 random bytes. */
    public String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Checks a secret an operator supplies; the message names what is wrong, never the secret itself.
     *
     * @throws IllegalArgumentException if it is not {@code whsec_} and the base64 of 24 to 64 bytes
     */
    public void validate(String secret) {
        key(secret);
    }

    /**
     * The {@code webhook-signature} value: {@code v1,<base64>} for each secret, space-separated, in
     * the order given (the newest first, by convention).
     *
     * @param webhookId the notification's id, the same on every attempt
     * @param timestamp this attempt's time; its Unix seconds are signed and sent as {@code webhook-timestamp}
     */
    public String signature(String webhookId, Instant timestamp, byte[] body, List<String> secrets) {
        if (webhookId == null || webhookId.isEmpty() || webhookId.indexOf('.') >= 0) {
            // a dot would make "<id>.<timestamp>.<body>" ambiguous
            throw new IllegalArgumentException("webhook id must be non-empty and contain no '.'");
        }
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException(FIELD + " is required: at least one secret signs every callback");
        }
        byte[] signedPrefix = (webhookId + "." + timestamp.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner signatures = new StringJoiner(" ");
        for (String secret : secrets) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(Hmac.sha256(key(secret), signedPrefix, body)));
        }
        return signatures.toString();
    }

    /** The {@code webhook-timestamp} value: Unix seconds. */
    public static String timestamp(Instant attempt) {
        return Long.toString(attempt.getEpochSecond());
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException(FIELD + " must start with '" + PREFIX + "'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FIELD + " must be '" + PREFIX + "' followed by standard base64"
                    + " (A-Z, a-z, 0-9, '+', '/', '=' padding)");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(FIELD + " must encode " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                    + " bytes, not " + key.length);
        }
        return key;
    }
}
