package dev.changewire.events.control;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code Elements-Next-Page-Token} of event lists: the last id, bound to the organization, sealed (unreadable, unforgeable). */
@ApplicationScoped
public class EventPageTokens {

    private static final String FORMAT = "events";

    @Inject
    SecretCipher cipher;

    public String next(long organizationId, long lastId) {
        String sealed = cipher.encrypt(FORMAT + "|" + organizationId + "|" + lastId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.US_ASCII));
    }

    /** The id before which the page starts. */
    public long before(long organizationId, String token) {
        try {
            String sealed = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.US_ASCII);
            String[] parts = cipher.decrypt(sealed).split("\\|");
            if (parts.length == 3 && parts[0].equals(FORMAT) && Long.parseLong(parts[1]) == organizationId) {
                return Long.parseLong(parts[2]);
            }
        } catch (RuntimeException e) {
            // any failure means the token is not one we issued to this organization
        }
        throw ApiException.badRequest("nextPage is not a page token issued for this organization's event list");
    }
}
