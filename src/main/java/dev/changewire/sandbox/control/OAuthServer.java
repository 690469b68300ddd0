package dev.changewire.sandbox.control;

import dev.changewire.platform.control.SecretDigest;
import dev.changewire.platform.control.SecretGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The sandbox's authorization server: Constant Contact's OAuth2 authorization code flow with
 * rotating refresh tokens. Approves every authorization at once. Thread-safe: each code and
 * refresh token is consumed with an atomic {@code remove}, so two concurrent uses of the same one
 * cannot both succeed.
 */
@ApplicationScoped
public class OAuthServer {

    public static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    public static final Set<String> SCOPES = Set.of("contact_data", "campaign_data", "offline_access", "account_read", "account_update");
    static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int MAX_CLIENT_ID_LENGTH = 255;
    /** Bounds the in-memory grants; expired ones are purged first when a map reaches it. */
    static final int MAX_GRANTS = 200_000;

    @Inject
    SandboxSettings settings;

    @Inject
    SandboxAccounts accounts;

    @Inject
    SecretDigest digest;

    @Inject
    SecretGenerator generator;

    Clock clock = Clock.systemUTC();

    private final Map<String, String> clientSecretDigests = new ConcurrentHashMap<>();
    /** Each client's redirect URI, registered by its first authorization, as an app registers one with Constant Contact. */
    private final Map<String, String> registeredRedirects = new ConcurrentHashMap<>();
    private final Map<String, CodeGrant> codes = new ConcurrentHashMap<>();
    private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();

    record CodeGrant(String clientId, String redirectUri, String account, String scope, Instant expiresAt) {
    }

    /** Who an access token speaks for. */
    public record AccessGrant(String clientId, String account, String scope, Instant expiresAt) {
    }

    /** @param lastUsed when it was issued, which is when its predecessor was last used: it expires unused after the idle expiry */
    record RefreshGrant(String clientId, String account, String scope, Instant lastUsed) {
    }

    public record Tokens(String accessToken, String refreshToken, long expiresIn, String scope) {
    }

    /** Validates an authorization request and returns the URI to redirect the browser to, carrying a fresh code. */
    public URI authorize(String clientId, String redirectUri, String responseType, String scope, String state, String account) {
        requireClientId(clientId);
        URI redirect = redirectUri(redirectUri);
        if (responseType == null || responseType.isBlank()) {
            throw OAuthError.invalidRequest("response_type is required and must be 'code'");
        }
        if (!"code".equals(responseType)) {
            throw OAuthError.invalidRequest("response_type must be 'code', not '" + responseType + "'");
        }
        String normalizedScope = scope(scope);
        String accountName = account == null || account.isBlank() ? SandboxAccounts.DEFAULT_ACCOUNT : account;
        if (!ACCOUNT_NAME.matcher(accountName).matches()) {
            throw OAuthError.invalidRequest("account must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        try {
            accounts.account(accountName);
        } catch (ProviderError e) {
            throw OAuthError.invalidRequest(e.getMessage());
        }
        requireRegisteredRedirect(clientId, redirectUri);
        purgeWhenFull(codes, g -> g.expiresAt().isBefore(clock.instant()));
        String code = generator.newSecret();
        codes.put(code, new CodeGrant(clientId, redirectUri, accountName, normalizedScope, clock.instant().plus(CODE_LIFETIME)));
        StringBuilder query = new StringBuilder("code=").append(code);
        if (state != null) {
            // %20 rather than '+': the redirect URI's query is not necessarily parsed as a form
            query.append("&state=").append(URLEncoder.encode(state, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String base = redirect.toString();
        int hash = base.indexOf('#');
        if (hash >= 0) {
            base = base.substring(0, hash);
        }
        return URI.create(base + (redirect.getRawQuery() == null ? "?" : "&") + query);
    }

    /** Checks HTTP Basic client credentials; the first secret a client id is used with becomes its secret. */
    public String authenticateClient(String clientId, String secret) {
        requireClientIdForToken(clientId);
        if (secret == null || secret.isEmpty()) {
            throw OAuthError.invalidClient("The client secret is missing");
        }
        String bound = clientSecretDigests.computeIfAbsent(clientId, id -> digest.digest(secret));
        if (!digest.matches(secret, bound)) {
            throw OAuthError.invalidClient("Client authentication failed: wrong client secret for client_id " + clientId);
        }
        return clientId;
    }

    public Tokens exchangeCode(String clientId, String code, String redirectUri) {
        if (code == null || code.isBlank()) {
            throw OAuthError.invalidRequest("code is required for grant_type authorization_code");
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            throw OAuthError.invalidRequest("redirect_uri is required for grant_type authorization_code");
        }
        CodeGrant grant = codes.remove(code);
        if (grant == null) {
            throw OAuthError.invalidGrant("The authorization code is invalid or has already been used");
        }
        if (!grant.expiresAt().isAfter(clock.instant())) {
            throw OAuthError.invalidGrant("The authorization code has expired (codes are valid for 5 minutes)");
        }
        if (!grant.clientId().equals(clientId)) {
            throw OAuthError.invalidGrant("The authorization code was issued to another client");
        }
        if (!grant.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant("The 'redirect_uri' does not match the one of the authorization request");
        }
        return issue(clientId, grant.account(), grant.scope());
    }

    public Tokens refresh(String clientId, String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw OAuthError.invalidRequest("refresh_token is required for grant_type refresh_token");
        }
        RefreshGrant grant = refreshTokens.get(refreshToken);
        if (grant == null || !grant.clientId().equals(clientId) || !refreshTokens.remove(refreshToken, grant)) {
            throw OAuthError.invalidGrant("The refresh token is invalid, expired, revoked or has already been used");
        }
        Duration idle = settings.refreshTokenIdleExpiry();
        if (grant.lastUsed().plus(idle).isBefore(clock.instant())) {
            // Constant Contact's refresh tokens expire after 180 days without use
            throw OAuthError.invalidGrant("The refresh token expired: it was not used for more than "
                    + (idle.toSeconds() % 86_400 == 0 ? idle.toDays() + " days" : idle.toString()));
        }
        return issue(clientId, grant.account(), grant.scope());
    }

    /** The grant behind a bearer token, if the token is known and not expired. */
    public Optional<AccessGrant> accessGrant(String accessToken) {
        if (accessToken == null) {
            return Optional.empty();
        }
        AccessGrant grant = accessTokens.get(accessToken);
        if (grant == null) {
            return Optional.empty();
        }
        if (!grant.expiresAt().isAfter(clock.instant())) {
            accessTokens.remove(accessToken, grant);
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /** Makes every refresh token the client holds for the account look unused for {@code by} longer; returns how many. */
    public int ageRefreshTokens(String clientId, String account, Duration by) {
        int[] count = {0};
        refreshTokens.replaceAll((token, g) -> {
            if (g.clientId().equals(clientId) && g.account().equals(account)) {
                count[0]++;
                return new RefreshGrant(g.clientId(), g.account(), g.scope(), g.lastUsed().minus(by));
            }
            return g;
        });
        return count[0];
    }

    /** Revokes every refresh token the client holds for the account; returns how many. */
    public int revokeRefreshTokens(String clientId, String account) {
        int[] count = {0};
        refreshTokens.entrySet().removeIf(e -> {
            boolean match = e.getValue().clientId().equals(clientId) && e.getValue().account().equals(account);
            if (match) {
                count[0]++;
            }
            return match;
        });
        return count[0];
    }

    private Tokens issue(String clientId, String account, String scope) {
        Duration lifetime = settings.accessTokenLifetime();
        Instant now = clock.instant();
        purgeWhenFull(accessTokens, g -> !g.expiresAt().isAfter(now));
        String access = generator.newSecret();
        accessTokens.put(access, new AccessGrant(clientId, account, scope, now.plus(lifetime)));
        String refresh = null;
        // as Okta does, a refresh token only comes with the offline_access scope
        if (Arrays.asList(scope.split(" ")).contains("offline_access")) {
            if (refreshTokens.size() >= MAX_GRANTS) {
                throw new OAuthError(503, "temporarily_unavailable", "The sandbox holds too many refresh tokens");
            }
            refresh = generator.newSecret();
            refreshTokens.put(refresh, new RefreshGrant(clientId, account, scope, now));
        }
        return new Tokens(access, refresh, Math.max(0, lifetime.toSeconds()), scope);
    }

    private <T> void purgeWhenFull(Map<String, T> grants, Predicate<T> expired) {
        if (grants.size() >= MAX_GRANTS) {
            grants.values().removeIf(expired);
            if (grants.size() >= MAX_GRANTS) {
                throw new OAuthError(503, "temporarily_unavailable", "The sandbox holds too many outstanding grants; try again later");
            }
        }
    }

    /**
     * Constant Contact redirects only to an app's registered redirect URIs; here the first one a client
     * id uses is registered, and a code is never sent anywhere else. Answered as an error, not a redirect.
     */
    private void requireRegisteredRedirect(String clientId, String redirectUri) {
        if (!registeredRedirects.containsKey(clientId) && registeredRedirects.size() >= MAX_GRANTS) {
            throw new OAuthError(503, "temporarily_unavailable", "The sandbox holds too many registered clients");
        }
        String registered = registeredRedirects.putIfAbsent(clientId, redirectUri);
        if (registered != null && !registered.equals(redirectUri)) {
            throw OAuthError.invalidRequest("The 'redirect_uri' is not the one registered for client_id " + clientId
                    + " (the sandbox registers the first redirect_uri a client_id is authorized with)");
        }
    }

    private static void requireClientId(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw OAuthError.invalidRequest("client_id is required");
        }
        if (clientId.length() > MAX_CLIENT_ID_LENGTH) {
            throw OAuthError.invalidRequest("client_id must be at most " + MAX_CLIENT_ID_LENGTH + " characters");
        }
    }

    private static void requireClientIdForToken(String clientId) {
        if (clientId == null || clientId.isBlank() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
            throw OAuthError.invalidClient("Client authentication failed: send Authorization: Basic base64(client_id:client_secret)");
        }
    }

    private static URI redirectUri(String redirectUri) {
        if (redirectUri == null || redirectUri.isBlank()) {
            throw OAuthError.invalidRequest("redirect_uri is required");
        }
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (URISyntaxException e) {
            throw OAuthError.invalidRequest("redirect_uri is not a valid URI: " + e.getMessage());
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw OAuthError.invalidRequest("redirect_uri must be an absolute http or https URL");
        }
        return uri;
    }

    static String scope(String scope) {
        if (scope == null || scope.isBlank()) {
            throw OAuthError.invalidRequest("scope is required, e.g. 'contact_data campaign_data offline_access'");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String s : scope.trim().split("[ +]+")) {
            if (!SCOPES.contains(s)) {
                throw OAuthError.invalidRequest("Unknown scope '" + s + "'; known scopes: " + new TreeSet<>(SCOPES));
            }
            scopes.add(s);
        }
        return String.join(" ", scopes);
    }
}
