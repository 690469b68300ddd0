package dev.changewire.notifications.control;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The {@code Elements-Next-Page-Token} of notification lists: the last notification seen (creation
 * time and id), bound to the organization and sealed with AES-GCM, URL-safe.
 */
@ApplicationScoped
public class NotificationPageTokens {

    private static final String FORMAT = "notifications";

    /** Where a page ends: the next one starts after this. */
    public record Position(Instant createdAt, String id) {
    }

    @Inject
    SecretCipher cipher;

    public String next(long organizationId, Position position) {
        return cipher.sealForUrl(FORMAT + "|" + organizationId + "|" + position.createdAt().getEpochSecond() + "|"
                + position.createdAt().getNano() + "|" + position.id());
    }

    public Position after(long organizationId, String token) {
        try {
            String[] parts = cipher.openFromUrl(token).split("\\|");
            if (parts.length == 5 && parts[0].equals(FORMAT) && Long.parseLong(parts[1]) == organizationId) {
                return new Position(Instant.ofEpochSecond(Long.parseLong(parts[2]), Long.parseLong(parts[3])), parts[4]);
            }
        } catch (RuntimeException e) {
            // fall through: any failure means the token is not one we issued to this organization
        }
        throw ApiException.badRequest("nextPage is not a page token issued for this organization's notification list");
    }
}
