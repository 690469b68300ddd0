package dev.changewire.elements.constantcontact.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.instances.entity.OAuthTokens;
import dev.changewire.platform.control.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import java.util.function.Function;

/**
 * Redeems an OAuth2 authorization code at Constant Contact's token endpoint (client authentication
 * with HTTP Basic, as Constant Contact requires). A refused code is the client's 400, carrying the
 * provider's error_description; an unreachable or failing provider is a 502.
 */
@ApplicationScoped
public class TokenExchange {

    private static final Logger LOG = Logger.getLogger(TokenExchange.class.getName());
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** Longest token response read; real ones are a few kilobytes. */
    static final int MAX_RESPONSE = 256 * 1024;
    /** Sends of one grant at most when the token endpoint answers 429. */
    static final int TOKEN_ATTEMPTS = 3;
    static final String NO_TOKEN_SLOT = "Constant Contact's token endpoint takes 1 request a second per API key, and no slot of this key was free within ";

    @Inject
    ConstantContactEndpoints endpoints;

    @Inject
    Config config;

    @Inject
    ApiKeyLimiter limiter;

    public OAuthTokens exchangeCode(String clientId, String clientSecret, String code, String redirectUri) {
        Answer answer = post(new ClientCredentials(clientId, clientSecret),
                client -> client.authorizationCode(basic(clientId, clientSecret), "authorization_code", code, redirectUri));
        return interpret(answer.status(), answer.body(), Instant.now());
    }

    /**
     * Redeems a refresh token given by {@code externalAuthentication}: the same proof of the client id
     * and secret as a code exchange (the rate limits and quota pauses of a client id belong only to
     * whoever holds its secret), and the fresh tokens the instance starts with. Constant Contact
     * rotates refresh tokens, so the answer's replaces the one given; without one, the given one stays.
     */
    public OAuthTokens redeemRefreshToken(String clientId, String clientSecret, String refreshToken) {
        Answer answer = post(new ClientCredentials(clientId, clientSecret),
                client -> client.refreshToken(basic(clientId, clientSecret), "refresh_token", refreshToken));
        OAuthTokens tokens = interpret(answer.status(), answer.body(), Instant.now(), "Constant Contact refused the refresh token (configuration.oauth.user.refresh_token)");
        return tokens.refreshToken() != null ? tokens
                : new OAuthTokens(tokens.accessToken(), refreshToken, tokens.expiresAt(), tokens.scope());
    }

    private record Answer(int status, String body) {
    }

    /**
     * Sends one grant: a slot of the app's token bucket is taken right before each send (building the client
     * first, so the request leaves in the second it was counted in). A 429 means the endpoint counted this
     * request in a second another one of the app's had taken (a send that took long to arrive): it consumed
     * nothing, so the grant goes again in the next slot, {@value #TOKEN_ATTEMPTS} times at most.
     */
    private Answer post(ClientCredentials app, Function<OAuthTokenClient, Response> grant) {
        String tokenUrl = endpoints.tokenUrl();
        try (OAuthTokenClient client = client(tokenUrl)) {
            for (int attempt = 1; ; attempt++) {
                if (!limiter.admitTokenRequest(app)) {
                    throw new ApiException(429, NO_TOKEN_SLOT + limiter.settings().maxWait() + "; try again later");
                }
                try (Response response = grant.apply(client)) {
                    String body = response.hasEntity() ? response.readEntity(String.class) : "";
                    if (response.getStatus() != 429 || attempt >= TOKEN_ATTEMPTS) {
                        return new Answer(response.getStatus(), body == null ? "" : body);
                    }
                    LOG.fine(() -> "Constant Contact's token endpoint answered 429; sending again in the next slot");
                }
            }
        } catch (ProcessingException e) {
            LOG.warning(() -> "Constant Contact token endpoint " + tokenUrl + " unreachable: " + e);
            throw new ApiException(502, "Cannot reach Constant Contact's token endpoint " + tokenUrl
                    + ": " + ConstantContactClient.rootMessage(e)
                    + "; try again later");
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            LOG.warning(() -> "Constant Contact token exchange failed: " + e);
            throw new ApiException(502, "The token exchange with Constant Contact failed: " + ConstantContactClient.rootMessage(e));
        }
    }

    /** What a refresh_token grant gave: new tokens, a refusal for good (invalid_grant), or a failure worth retrying later. */
    public record Refresh(OAuthTokens tokens, boolean invalidGrant, int status, String providerMessage) {

        public boolean granted() {
            return tokens != null;
        }
    }

    /**
     * Spends a refresh token. Never throws for the provider's answer: the caller decides (it holds the
     * token row's lock and must store, or mark the instance invalid, in its own transaction).
     */
    public Refresh refresh(String clientId, String clientSecret, String refreshToken) {
        String basic = basic(clientId, clientSecret);
        Answer answer;
        try {
            answer = post(new ClientCredentials(clientId, clientSecret), client -> client.refreshToken(basic, "refresh_token", refreshToken));
        } catch (ApiException e) {
            // nothing was granted (no slot, unreachable, failed): the refresh token is unspent, and the next run tries again
            return new Refresh(null, false, e.status(), e.getMessage());
        }
        return interpretRefresh(answer.status(), answer.body(), Instant.now());
    }

    static Refresh interpretRefresh(int status, String body, Instant now) {
        JsonObject json = parse(body);
        String error = string(json, "error");
        if (status >= 200 && status < 300) {
            try {
                return new Refresh(interpret(status, body, now), false, status, null);
            } catch (ApiException e) {
                return new Refresh(null, false, status, e.getMessage());
            }
        }
        String description = string(json, "error_description");
        String message = error == null ? abbreviate(body) : description == null ? error : error + ": " + description;
        // invalid_grant: the refresh token is spent, revoked or expired; invalid_client: the app's credentials are refused.
        // Neither heals by retrying.
        boolean final_ = "invalid_grant".equals(error) || "invalid_client".equals(error) || "unauthorized_client".equals(error);
        return new Refresh(null, final_, status, message);
    }

    static OAuthTokens interpret(int status, String body, Instant now) {
        return interpret(status, body, now, "Constant Contact refused the authorization code (providerData.code)");
    }

    static OAuthTokens interpret(int status, String body, Instant now, String grantRefused) {
        JsonObject json = parse(body);
        if (status >= 200 && status < 300) {
            String accessToken = string(json, "access_token");
            if (accessToken == null) {
                throw new ApiException(502, "Constant Contact's token endpoint answered " + status + " without an access_token");
            }
            Instant expiresAt = null;
            JsonValue expiresIn = json == null ? null : json.get("expires_in");
            if (expiresIn instanceof JsonNumber n) {
                expiresAt = now.plusSeconds(n.longValue());
            } else if (expiresIn instanceof JsonString s) {
                try {
                    expiresAt = now.plusSeconds(Long.parseLong(s.getString().trim()));
                } catch (NumberFormatException ignored) {
                    // no usable expiry: the first API call's 401 will tell
                }
            }
            return new OAuthTokens(accessToken, string(json, "refresh_token"), expiresAt, string(json, "scope"));
        }
        String error = string(json, "error");
        String description = string(json, "error_description");
        String providerMessage = description != null ? description : error != null ? error : abbreviate(body);
        if (status == 400 || status == 401 || status == 403) {
            String message = "invalid_client".equals(error) || status == 401
                    ? "Constant Contact refused the client credentials (configuration.oauth.api.key / oauth.api.secret)"
                    : grantRefused + (error == null ? "" : ": " + error);
            throw new ApiException(400, message, providerMessage);
        }
        if (status == 429) {
            throw new ApiException(429, "Constant Contact is rate limiting the token endpoint; try again later", providerMessage);
        }
        throw new ApiException(502, "Constant Contact's token endpoint answered " + status + "; try again later", providerMessage);
    }

    private static String basic(String clientId, String clientSecret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }

    private OAuthTokenClient client(String tokenUrl) {
        long connect = config.getOptionalValue("changewire.constantcontact.connect-timeout", Duration.class)
                .orElse(CONNECT_TIMEOUT).toMillis();
        long read = config.getOptionalValue("changewire.constantcontact.read-timeout", Duration.class)
                .orElse(READ_TIMEOUT).toMillis();
        return RestClientBuilder.newBuilder()
                .baseUri(URI.create(tokenUrl))
                .connectTimeout(connect, TimeUnit.MILLISECONDS)
                .readTimeout(read, TimeUnit.MILLISECONDS)
                // a 4xx is an answer to interpret, not an exception
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(OAuthTokenClient.class);
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank() || body.length() > MAX_RESPONSE) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            JsonValue v = reader.readValue();
            return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
        } catch (JsonException e) {
            return null;
        }
    }

    private static String string(JsonObject json, String key) {
        if (json == null) {
            return null;
        }
        JsonValue v = json.get(key);
        return v instanceof JsonString s ? s.getString() : null;
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
