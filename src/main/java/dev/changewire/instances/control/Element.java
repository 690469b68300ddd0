package dev.changewire.instances.control;

import dev.changewire.instances.entity.OAuthTokens;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code instances} needs of the provider an instance connects to: declared here, implemented by the
 * element ({@code elements.constantcontact.control.ConstantContactElement}), so that instances imports no element.
 */
public interface Element {

    /** Redeems an OAuth authorization code for tokens, with the redirect URI it was issued for. */
    OAuthTokens exchangeCode(String clientId, String clientSecret, String code, String redirectUri);

    /** Redeems a refresh token given by the client (externalAuthentication), proving the client id and secret. */
    OAuthTokens redeemRefreshToken(String clientId, String clientSecret, String refreshToken);

    /** Until when the provider's quota of this app (client id and secret) is spent, if it is. */
    Optional<Instant> quotaPausedUntil(String clientId, String clientSecret);

    /** The provider's OAuth authorize URL, where the account owner grants access. */
    String authorizeUrl();
}
