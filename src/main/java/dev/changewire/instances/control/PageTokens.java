package dev.changewire.instances.control;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The {@code Elements-Next-Page-Token} of instance lists: the last id seen, bound to the organization,
 * sealed with AES-GCM so it can be neither read nor forged, and URL-safe.
 */
@ApplicationScoped
public class PageTokens {

    private static final String FORMAT = "instances|";

    @Inject
    SecretCipher cipher;

    public String next(long organizationId, long lastId) {
        return cipher.sealForUrl(FORMAT + organizationId + "|" + lastId);
    }

    /** The id after which the page starts. */
    public long after(long organizationId, String token) {
        try {
            String[] parts = cipher.openFromUrl(token).split("\\|");
            if (parts.length == 3 && (parts[0] + "|").equals(FORMAT) && Long.parseLong(parts[1]) == organizationId) {
                return Long.parseLong(parts[2]);
            }
        } catch (RuntimeException e) {
            // fall through: any failure means the token is not one we issued to this organization
        }
        throw ApiException.badRequest("nextPage is not a page token issued for this organization's instance list");
    }
}
