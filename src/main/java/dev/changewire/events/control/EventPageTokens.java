package dev.changewire.events.control;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The {@code Elements-Next-Page-Token} of event lists: the last id, bound to the organization, sealed (unreadable, unforgeable). */
@ApplicationScoped
public class EventPageTokens {

    private static final String FORMAT = "events";

    @Inject
    SecretCipher cipher;

    public String next(long organizationId, long lastId) {
        return cipher.sealForUrl(FORMAT + "|" + organizationId + "|" + lastId);
    }

    /** The id before which the page starts. */
    public long before(long organizationId, String token) {
        try {
            String[] parts = cipher.openFromUrl(token).split("\\|");
            if (parts.length == 3 && parts[0].equals(FORMAT) && Long.parseLong(parts[1]) == organizationId) {
                return Long.parseLong(parts[2]);
            }
        } catch (RuntimeException e) {
            // any failure means the token is not one we issued to this organization
        }
        throw ApiException.badRequest("nextPage is not a page token issued for this organization's event list");
    }
}
