package dev.changewire.elements.constantcontact.control;

import dev.changewire.platform.control.ConfiguredDataSource;
import dev.changewire.platform.control.SecretDigest;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Keeps every request to Constant Contact within its app's limits (client id and secret, {@link ClientCredentials}) (see {@link RateLimitSettings}),
 * whatever instance or node sends it. On PostgreSQL the buckets are rows of {@code rate_limit_bucket}
 * that Bucket4j locks with {@code SELECT ... FOR UPDATE}, so all nodes on the database share them; on
 * H2 (one node) they live in memory.
 * <p>
 * Bucket4j commits its own work, so it gets connections of a second, non-transactional pool of the
 * same database: a caller's JTA transaction never holds a bucket row locked, and a rollback of the
 * caller never gives tokens back. The waiting for a slot happens here, on the caller's thread, bounded
 * by {@code changewire.constantcontact.max-rate-wait}.
 */
@DataSourceDefinition(
        name = ApiKeyLimiter.DATA_SOURCE,
        className = "dev.changewire.platform.control.ConfiguredDataSource",
        minPoolSize = 0,
        maxPoolSize = 16,
        transactional = false,
        properties = "configKeys=" + ConfiguredDataSource.DEFAULT_CONFIG_KEYS)
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ApiKeyLimiter {

    public static final String DATA_SOURCE = "java:app/jdbc/changewire-autocommit";
    static final String TABLE = "rate_limit_bucket";
    /** Constant Contact's token endpoint: 1 request a second per client id. */
    static final int TOKEN_REQUESTS_PER_SECOND = 1;
    static final String TOKEN_RATE_KEY = "changewire.constantcontact.token-requests-per-second";
    static final Duration TOKEN_TAIL_GUARD = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(ApiKeyLimiter.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @Inject
    Config config;

    @Inject
    SecretDigest digest;

    @Inject
    QuotaPauses pauses;

    @Inject
    ApiKeyBudgets budgets;

    private RateLimitSettings settings;
    private int tokenRequestsPerSecond;
    private ProxyManager<String> shared;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        settings = RateLimitSettings.from(config);
        tokenRequestsPerSecond = config.getOptionalValue(TOKEN_RATE_KEY, Integer.class).orElse(TOKEN_REQUESTS_PER_SECOND);
        if (tokenRequestsPerSecond < 1) {
            throw new IllegalStateException(TOKEN_RATE_KEY + " must be at least 1, not " + tokenRequestsPerSecond);
        }
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the rate limiter's database connection", e);
        }
        if (product != null && product.toLowerCase(Locale.ROOT).contains("postgres")) {
            shared = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table(TABLE).idColumn("id").stateColumn("state")
                    .build();
        }
        LOG.info(() -> "Constant Contact limits per API key: " + settings.requestsPerSecond() + "/s, " + settings.requestsPerDay()
                + "/day, " + (shared != null ? "shared through table " + TABLE : "in memory (one node)"));
        if (settings.day().shortened()) {
            LOG.warning(() -> RateLimitSettings.DAY_KEY + " is " + settings.day().length() + ": each key's daily budget renews that often."
                    + " Constant Contact's day is the UTC day; use a shorter one only against the sandbox, with the same changewire.sandbox.quota-day");
        }
    }

    public RateLimitSettings settings() {
        return settings;
    }

    /**
     * Waits for the key's next slot and takes it. Answers QUOTA_PAUSED (the day is spent: the pause is
     * stored for every node) or NO_SLOT (no slot within the allowed wait) without sending anything.
     */
    public Admission admit(ClientCredentials client) {
        Instant now = Instant.now();
        var paused = pauses.pausedUntil(client);
        if (paused.isPresent()) {
            return new Admission(Admission.Verdict.QUOTA_PAUSED, paused.get());
        }
        // the budget of the client id proven by its secret, never of the id alone (see ClientCredentials)
        String key = client.budgetKey(digest);
        RateLimitSettings limits = limitsOf(client);
        Bucket day = day(key, limits);
        if (!day.tryConsume(1)) {
            return spent(client, limits, now);
        }
        Instant countedIn = limits.dayEnds(now);
        Bucket second = bucket(key + ":s:" + limits.requestsPerSecond(), () -> limits.perSecond(Instant.now()));
        try {
            sleepMillis(settings.tailWaitMillis(System.currentTimeMillis()));
            if (second.asBlocking().tryConsume(1, settings.maxWait(), UNTIL_WALL_CLOCK)) {
                Instant sending = Instant.now();
                // the wait for a slot crossed into the next day: the provider counts the request in that day, so must we
                if (!limits.dayEnds(sending).equals(countedIn) && !day.tryConsume(1)) {
                    return spent(client, limits, sending);
                }
                return Admission.ADMITTED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the day's token was not used: give it back
        day.addTokens(1);
        return new Admission(Admission.Verdict.NO_SLOT, Instant.now().plus(settings.maxWait()));
    }

    /** The key's day is spent: paused for every node until the day ends. */
    private Admission spent(ClientCredentials client, RateLimitSettings limits, Instant now) {
        Instant until = limits.dayEnds(now);
        pauses.pause(client, until, "Changewire's count of " + limits.requestsPerDay()
                + " requests per day for this API key (its own limit, or changewire.constantcontact.requests-per-day) is used up");
        return new Admission(Admission.Verdict.QUOTA_PAUSED, until);
    }

    /**
     * Waits for the app's next slot at the token endpoint, which Constant Contact limits to 1 request a second
     * per client id ({@code changewire.constantcontact.token-requests-per-second}), whatever its daily quota;
     * shared by every node on PostgreSQL like the API's slots.
     * False when no slot came within {@code changewire.constantcontact.max-rate-wait}: nothing may be sent.
     */
    public boolean admitTokenRequest(ClientCredentials client) {
        // token requests are few: they may wait for the first half of a second, so a slow send still arrives in it
        RateLimitSettings token = new RateLimitSettings(tokenRequestsPerSecond, settings.requestsPerDay(), TOKEN_TAIL_GUARD, settings.maxWait(), settings.day());
        Bucket slots = bucket(client.budgetKey(digest) + ":t:" + tokenRequestsPerSecond, () -> token.perSecond(Instant.now()));
        try {
            sleepMillis(token.tailWaitMillis(System.currentTimeMillis()));
            return slots.asBlocking().tryConsume(1, settings.maxWait(), UNTIL_WALL_CLOCK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The key's limits: its own if a bootstrap admin set them, else the configured ones. */
    public RateLimitSettings limitsOf(ClientCredentials client) {
        return budgets.limitsOf(client.clientId(), settings);
    }

    /** The requests counted against the key's UTC day so far, by every node (on PostgreSQL) and for every purpose. */
    public long usedToday(ClientCredentials client) {
        RateLimitSettings limits = limitsOf(client);
        return Math.max(0, limits.requestsPerDay() - day(client.budgetKey(digest), limits).getAvailableTokens());
    }

    /**
     * The key's day bucket. Its id carries the daily limit, so a key given another limit counts its day afresh
     * from then on (Constant Contact's own count does not: a key lowered mid-day may still meet its quota_exceeded,
     * which pauses it until midnight like our own count does). A shortened quota day is in the id too: a stored
     * bucket keeps the refill period it was made with.
     */
    private Bucket day(String key, RateLimitSettings limits) {
        String id = key + ":d:" + limits.requestsPerDay() + (limits.day().shortened() ? ":" + limits.day().length().toMinutes() + "m" : "");
        return bucket(id, () -> limits.perDay(Instant.now()));
    }

    private Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        if (shared != null) {
            return shared.builder().build(key, configuration);
        }
        return local.computeIfAbsent(key, k -> Bucket.builder().withMillisecondPrecision()
                .addLimit(configuration.get().getBandwidths()[0]).build());
    }

    /**
     * Sleeps until the wall clock (the one the buckets refill by, and the provider counts seconds by)
     * has passed the reserved slot. {@code LockSupport.parkNanos} may return early, and a request sent
     * a millisecond before its slot would count in the previous, full second.
     */
    static final BlockingStrategy UNTIL_WALL_CLOCK = nanos -> {
        long until = System.currentTimeMillis() + (nanos + 999_999) / 1_000_000;
        long left;
        while ((left = until - System.currentTimeMillis()) > 0) {
            Thread.sleep(left);
        }
    };

    private static void sleepMillis(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        long left;
        while ((left = until - System.currentTimeMillis()) > 0) {
            Thread.sleep(left);
        }
    }
}
