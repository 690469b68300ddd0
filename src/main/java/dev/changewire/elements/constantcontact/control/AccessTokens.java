package dev.changewire.elements.constantcontact.control;

import dev.changewire.instances.control.Instances;
import dev.changewire.instances.entity.ProviderToken;
import dev.changewire.platform.control.ApplicationStopping;
import dev.changewire.platform.control.SecretCipher;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * An instance's Constant Contact access token, refreshed before it expires and after a 401.
 * <p>
 * A refresh is one transaction of its own that locks the instance's {@code instance_provider_token}
 * row ({@code SELECT ... FOR UPDATE}), looks again (another thread or node may have refreshed while
 * this one waited: then its token is used), spends the refresh token and stores the rotated refresh
 * token with the new access token in that same transaction. So one refresh per instance runs at a time
 * across nodes. Because the exchange cannot be undone at the provider, its result is first committed to the
 * {@link TokenJournal} in a transaction of its own; if the refresh's transaction then rolls back (a node
 * stopping, an application undeployed mid-refresh), reads and the next refresh take the journal's newer
 * token, so a spent refresh token is never presented again. {@code invalid_grant}
 * marks the instance invalid (committed with the row unchanged).
 * <p>
 * Each read is its own transaction too, so a caller's long transaction (the poller's) never sees a
 * token older than the last committed refresh.
 */
@Stateless
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());

    /** The stored access token and what is known of it; {@code accessToken} null when there is none (or no row). */
    public record Current(boolean exists, String accessToken, Instant expiresAt, Duration margin) {

        public boolean usable(Instant now) {
            return TokenFreshness.usable(accessToken, expiresAt, now, margin);
        }
    }

    public enum Result { FRESH, INVALID, FAILED, GONE }

    /** The outcome of a refresh: a token to send, or why there is none. */
    public record Refreshed(Result result, String accessToken, int providerStatus, String providerMessage) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationStopping stopping;

    @Inject
    SecretCipher cipher;

    @Inject
    TokenExchange exchange;

    @Inject
    Instances instances;

    @Inject
    TokenJournal journal;

    @Inject
    Config config;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Current current(long instanceId) {
        ProviderToken row = em.find(ProviderToken.class, instanceId);
        if (row == null) {
            return new Current(false, null, null, margin());
        }
        // a refresh whose transaction rolled back after the exchange: its journal entry holds the live token
        var rotated = journal.newerThan(instanceId, row.getUpdatedAt());
        if (rotated.isPresent()) {
            return new Current(true, cipher.decrypt(rotated.get().accessTokenEncrypted()), rotated.get().expiresAt(), margin());
        }
        return new Current(true, cipher.decrypt(row.getAccessTokenEncrypted()), row.getAccessTokenExpiresAt(), margin(row));
    }

    /**
     * Refreshes unless someone else did while this caller waited for the lock. {@code stale}: the
     * access token the caller found wanting (expiring, or refused with a 401), null if it had none.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Refreshed refresh(long instanceId, String apiKey, String apiSecret, String stale) {
        ProviderToken row = em.find(ProviderToken.class, instanceId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return new Refreshed(Result.GONE, null, 0, null);
        }
        var lost = journal.newerThan(instanceId, row.getUpdatedAt());
        if (lost.isPresent()) {
            // the last refresh's row update was rolled back after the provider rotated the token: take its result
            TokenJournal.Rotation r = lost.get();
            row.replace(r.accessTokenEncrypted(), r.refreshTokenEncrypted(), r.expiresAt(), r.scope() != null ? r.scope() : row.getScope());
            LOG.warning(() -> "Restored the rotated Constant Contact token of instance " + instanceId + " from the token journal"
                    + " (the refresh that obtained it did not commit)");
        }
        Instant now = Instant.now();
        String stored = cipher.decrypt(row.getAccessTokenEncrypted());
        if (TokenFreshness.refreshedMeanwhile(stored, row.getAccessTokenExpiresAt(), stale, now, margin(row))) {
            return new Refreshed(Result.FRESH, stored, 0, null);
        }
        String refreshToken = cipher.decrypt(row.getRefreshTokenEncrypted());
        if (refreshToken == null || refreshToken.isBlank()) {
            instances.invalidate(instanceId, "No Constant Contact refresh token is stored; re-provision the instance");
            return new Refreshed(Result.INVALID, null, 0, "no refresh token");
        }
        if (apiKey == null || apiSecret == null) {
            instances.invalidate(instanceId, "configuration.oauth.api.key / oauth.api.secret are missing; re-provision the instance");
            return new Refreshed(Result.INVALID, null, 0, "no client credentials");
        }
        if (stopping.stopping()) {
            // the exchange spends the refresh token; with the data source going away its successor could be lost
            throw new IllegalStateException("The application is stopping: the Constant Contact token of instance " + instanceId
                    + " is refreshed by the next run");
        }
        TokenExchange.Refresh refresh = exchange.refresh(apiKey, apiSecret, refreshToken);
        if (refresh.granted()) {
            var tokens = refresh.tokens();
            // a provider that does not rotate sends no new refresh token: the old one stays valid
            String nextRefresh = tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken;
            String accessEncrypted = cipher.encrypt(tokens.accessToken());
            String refreshEncrypted = cipher.encrypt(nextRefresh);
            String scope = tokens.scope() != null ? tokens.scope() : row.getScope();
            // durable before anything else can fail: the old refresh token is spent at the provider now
            journal.record(instanceId, new TokenJournal.Rotation(accessEncrypted, refreshEncrypted, tokens.expiresAt(), scope, Instant.now()));
            row.replace(accessEncrypted, refreshEncrypted, tokens.expiresAt(), scope);
            journal.forget(instanceId);
            LOG.fine(() -> "Refreshed the Constant Contact access token of instance " + instanceId);
            return new Refreshed(Result.FRESH, tokens.accessToken(), refresh.status(), null);
        }
        if (refresh.invalidGrant()) {
            LOG.warning(() -> "Constant Contact refused the refresh token of instance " + instanceId + ": " + refresh.providerMessage());
            // when it last worked tells an operator whether it expired unused (180 days) or was revoked
            instances.invalidate(instanceId, "Constant Contact refused the refresh token (" + refresh.providerMessage()
                    + "); its last good refresh was at " + row.getUpdatedAt() + "; re-provision the instance with a new authorization code");
            return new Refreshed(Result.INVALID, null, refresh.status(), refresh.providerMessage());
        }
        LOG.warning(() -> "Refreshing the Constant Contact token of instance " + instanceId + " failed (" + refresh.status() + "): "
                + refresh.providerMessage());
        return new Refreshed(Result.FAILED, null, refresh.status(), refresh.providerMessage());
    }

    /**
     * Instances whose tokens were last obtained before {@code before} and that are valid (an invalid one has
     * no refresh token worth keeping), oldest first: whether their polling is on or not.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> idleSince(Instant before, int limit) {
        List<Long> ids = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT t.instance_id FROM instance_provider_token t"
                        + " JOIN element_instance i ON i.id = t.instance_id"
                        + " WHERE i.valid = TRUE AND t.updated_at < ?1 ORDER BY t.updated_at")
                .setParameter(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .setMaxResults(limit).getResultList()) {
            ids.add(((Number) row).longValue());
        }
        return ids;
    }

    private Duration margin() {
        return config.getOptionalValue("changewire.constantcontact.token-refresh-margin", Duration.class)
                .orElse(TokenFreshness.DEFAULT_MARGIN);
    }

    private Duration margin(ProviderToken row) {
        Duration lifetime = row.getAccessTokenExpiresAt() == null ? null
                : Duration.between(row.getUpdatedAt(), row.getAccessTokenExpiresAt());
        return TokenFreshness.margin(margin(), lifetime);
    }
}
