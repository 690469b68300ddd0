package dev.changewire.elements.constantcontact.control;

import dev.changewire.elements.constantcontact.entity.ApiKeyBudget;
import dev.changewire.platform.control.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The limits of API keys that have their own (a partner key's 250,000 a day and 10 a second, say), set by
 * a bootstrap admin; every other key has {@code changewire.constantcontact.requests-per-*}. The rate
 * limiter asks for every request, so each node keeps what it read for {@link #FRESH}: another node's
 * change applies here within that time.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ApiKeyBudgets {

    public static final int MAX_PER_DAY = 100_000_000;
    public static final int MAX_PER_SECOND = 1_000;
    static final Duration FRESH = Duration.ofSeconds(10);
    /** What Constant Contact's client ids look like (UUIDs), with room for other shapes; nothing a path or a log could misread. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,255}");

    @PersistenceContext
    EntityManager em;

    private record Read(Optional<int[]> limits, Instant at) {
    }

    private final Map<String, Read> recent = new ConcurrentHashMap<>();

    /** The limits the key's requests are kept within: its own, else {@code defaults}. */
    public RateLimitSettings limitsOf(String clientId, RateLimitSettings defaults) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            return defaults;
        }
        Instant now = Instant.now();
        Read read = recent.get(clientId);
        if (read == null || read.at().plus(FRESH).isBefore(now)) {
            ApiKeyBudget budget = em.find(ApiKeyBudget.class, clientId);
            read = new Read(budget == null ? Optional.empty()
                    : Optional.of(new int[] {budget.getRequestsPerDay(), budget.getRequestsPerSecond()}), now);
            if (recent.size() > 10_000) {
                recent.clear(); // bounded: client ids come from instances' configuration, which tenants write
            }
            recent.put(clientId, read);
        }
        return read.limits().map(l -> defaults.withLimits(l[1], l[0])).orElse(defaults);
    }

    public Optional<ApiKeyBudget> find(String clientId) {
        return Optional.ofNullable(em.find(ApiKeyBudget.class, requireClientId(clientId)));
    }

    public List<ApiKeyBudget> all() {
        return em.createQuery("SELECT b FROM ApiKeyBudget b ORDER BY b.clientId", ApiKeyBudget.class).getResultList();
    }

    /** Gives the key its own limits. */
    @Transactional(Transactional.TxType.REQUIRED)
    public ApiKeyBudget set(String clientId, int requestsPerDay, int requestsPerSecond, long by) {
        requireClientId(clientId);
        if (requestsPerDay < 1 || requestsPerDay > MAX_PER_DAY) {
            throw ApiException.badRequest("requestsPerDay must be 1 to " + MAX_PER_DAY + ", not " + requestsPerDay);
        }
        if (requestsPerSecond < 1 || requestsPerSecond > MAX_PER_SECOND) {
            throw ApiException.badRequest("requestsPerSecond must be 1 to " + MAX_PER_SECOND + ", not " + requestsPerSecond);
        }
        ApiKeyBudget budget = em.find(ApiKeyBudget.class, clientId);
        if (budget == null) {
            budget = new ApiKeyBudget(clientId);
            budget.set(requestsPerDay, requestsPerSecond, Instant.now(), by);
            em.persist(budget);
        } else {
            budget.set(requestsPerDay, requestsPerSecond, Instant.now(), by);
        }
        recent.remove(clientId);
        return budget;
    }

    /** Gives the key the configured limits again; false when it had none of its own. */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean remove(String clientId) {
        ApiKeyBudget budget = em.find(ApiKeyBudget.class, requireClientId(clientId));
        recent.remove(clientId);
        if (budget == null) {
            return false;
        }
        em.remove(budget);
        return true;
    }

    static String requireClientId(String clientId) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw ApiException.badRequest("An API key (client id) is 1 to 255 letters, digits, '.', '_', '~' or '-'");
        }
        return clientId;
    }
}
