package dev.changewire.elements.constantcontact.boundary;

import dev.changewire.elements.constantcontact.control.AccessTokens;
import dev.changewire.instances.control.Instances;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Keeps refresh tokens alive. Constant Contact's refresh tokens expire after 180 days without use, and an
 * instance whose polling is off (or whose access token never needed a refresh) would lose its connection
 * silently. Every {@code changewire.constantcontact.keepalive-check-interval} each node refreshes the tokens
 * of valid instances last obtained more than {@code changewire.constantcontact.refresh-token-keepalive} ago
 * (150 days), polling on or off. A refresh locks the instance's token row, so two nodes never spend one
 * refresh token twice; the second finds it refreshed. A refused one makes the instance invalid, saying when
 * it last refreshed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // its timer reads tables the migration creates
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RefreshTokenKeeper {

    static final String KEEPALIVE_KEY = "changewire.constantcontact.refresh-token-keepalive";
    static final String CHECK_KEY = "changewire.constantcontact.keepalive-check-interval";
    /** Refreshes per check at most: each takes a token-endpoint slot of its key (one a second). */
    static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(RefreshTokenKeeper.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Config config;

    @Inject
    AccessTokens tokens;

    @Inject
    Instances instances;

    private Duration keepalive;
    private final AtomicBoolean checking = new AtomicBoolean();

    @PostConstruct
    void start() {
        keepalive = duration(KEEPALIVE_KEY, Duration.ofDays(150));
        Duration every = duration(CHECK_KEY, Duration.ofHours(1));
        timers.createIntervalTimer(Math.min(every.toMillis(), 120_000), every.toMillis(), new TimerConfig("changewire-refresh-token-keeper", false));
    }

    private Duration duration(String key, Duration fallback) {
        Duration value = config.getOptionalValue(key, String.class).map(Duration::parse).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(key + " must be a positive ISO-8601 duration, got " + value);
        }
        return value;
    }

    @Timeout
    void timeout() {
        if (!checking.compareAndSet(false, true)) {
            return; // the last check still refreshes
        }
        try {
            for (long id : tokens.idleSince(Instant.now().minus(keepalive), BATCH)) {
                keepAlive(id);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for refresh tokens to keep alive; the next check does", e);
        } finally {
            checking.set(false);
        }
    }

    private void keepAlive(long instanceId) {
        try {
            instances.connection(instanceId).ifPresent(connection -> {
                // the stored access token is the one to replace: a refresh by another node meanwhile is found and kept
                var result = tokens.refresh(instanceId, connection.apiKey(), connection.apiSecret(), tokens.current(instanceId).accessToken());
                LOG.info(() -> "Kept the Constant Contact refresh token of instance " + instanceId + " alive (unused for " + keepalive
                        + "): " + result.result() + (result.providerMessage() == null ? "" : " " + result.providerMessage()));
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not keep the refresh token of instance " + instanceId + " alive; the next check tries again", e);
        }
    }
}
