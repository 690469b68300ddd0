package dev.changewire.notifications.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Claims the next attempt of an instance, so that no two senders (threads or nodes) send the same one. See {@link ClaimSql}. */
@Stateless
public class DeliveryClaims {

    /** A claimed notification; {@code owner} is unique per claim, so only its holder can release it. */
    public record Claim(String notificationId, String owner, Instant expiresAt) {
    }

    public record DueInstance(long instanceId, long organizationId) {
    }

    @PersistenceContext
    EntityManager em;

    /** The next notification of the instance to send now, claimed for {@code claimFor}; empty if none may go now. */
    public Optional<Claim> claimNext(long instanceId, boolean ordered, Duration claimFor) {
        Instant now = Times.now();
        @SuppressWarnings("unchecked")
        List<Object> candidates = em.createNativeQuery(ClaimSql.next(ordered))
                .setParameter(1, instanceId)
                .setParameter(2, Times.sql(now))
                .setParameter(3, Times.sql(now))
                .setParameter(4, Times.sql(now))
                .setMaxResults(1)
                .getResultList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        String id = (String) candidates.get(0);
        Claim claim = new Claim(id, UUID.randomUUID().toString(), now.plus(claimFor));
        int claimed = em.createNativeQuery(ClaimSql.CLAIM)
                .setParameter(1, claim.owner())
                .setParameter(2, Times.sql(claim.expiresAt()))
                .setParameter(3, id)
                .setParameter(4, Times.sql(now))
                .executeUpdate();
        return claimed == 1 ? Optional.of(claim) : Optional.empty();
    }

    /** Instances that have a notification due and unclaimed: retries whose time came, and what a crash left behind. */
    public List<DueInstance> dueInstances(int limit) {
        Instant now = Times.now();
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(ClaimSql.DUE_INSTANCES)
                .setParameter(1, Times.sql(now))
                .setParameter(2, Times.sql(now))
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r)
                .map(r -> new DueInstance(((Number) r[0]).longValue(), ((Number) r[1]).longValue())).toList();
    }

    /** Outstanding notifications (PENDING, RETRYING) and QUEUED ones, for the queue-depth gauge. */
    public long queueDepth() {
        return ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM notification WHERE status IN ('PENDING', 'RETRYING', 'QUEUED')").getSingleResult()).longValue();
    }
}
