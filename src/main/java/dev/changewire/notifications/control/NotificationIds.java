package dev.changewire.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Notification ids: {@code msg_} and 26 random base32 characters (130 bits). Random, so nodes need not
 * agree on anything to make them unique, and free of '.', which the Standard Webhooks signature uses
 * as its separator.
 */
@ApplicationScoped
public class NotificationIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    static final int RANDOM_CHARACTERS = 26;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder id = new StringBuilder("msg_");
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
