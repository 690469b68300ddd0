package dev.changewire.elements.constantcontact.control;

import dev.changewire.instances.control.Element;
import dev.changewire.instances.entity.OAuthTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/** Constant Contact as the element of {@code instances}: its OAuth server, quota pauses and authorize URL. */
@ApplicationScoped
public class ConstantContactElement implements Element {

    @Inject
    TokenExchange tokenExchange;

    @Inject
    QuotaPauses quotaPauses;

    @Inject
    ConstantContactEndpoints endpoints;

    @Override
    public OAuthTokens exchangeCode(String clientId, String clientSecret, String code, String redirectUri) {
        return tokenExchange.exchangeCode(clientId, clientSecret, code, redirectUri);
    }

    @Override
    public OAuthTokens redeemRefreshToken(String clientId, String clientSecret, String refreshToken) {
        return tokenExchange.redeemRefreshToken(clientId, clientSecret, refreshToken);
    }

    @Override
    public Optional<Instant> quotaPausedUntil(String clientId, String clientSecret) {
        return quotaPauses.pausedUntil(new ClientCredentials(clientId, clientSecret));
    }

    @Override
    public String authorizeUrl() {
        return endpoints.authorizeUrl();
    }
}
