package dev.changewire.notifications.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Claims the next attempts of an instance, so that no two senders (threads or nodes) send the same one. See {@link ClaimSql}. */
@Stateless
public class DeliveryClaims {

    /** A claimed notification; {@code owner} is unique per claim, so only its holder can release it. */
    public record Claim(String notificationId, String owner, Instant expiresAt) {
    }

    public record DueInstance(long instanceId, long organizationId) {
    }

    /** A claimed notification with what its attempt sends. */
    public record Claimed(Claim claim, DeliveryLog.Outgoing outgoing) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliveryLog log;

    /**
     * Claims, in one transaction, the next notifications of the instance that may be sent now (at most
     * {@code limit}, in delivery order), each with its body. Ordered: the due and unclaimed head of the
     * instance's outstanding notifications, stopping at the first that is not due (a retry waiting holds
     * back everything after it). Unordered: any due and unclaimed ones. None while another sender holds a
     * claim on the instance. Each claim lasts {@code claimFor} times its position in the batch, as the
     * batch is sent one after the other.
     */
    public List<Claimed> claimBatch(long instanceId, boolean ordered, Duration claimFor, int limit) {
        Instant now = Times.now();
        if (((Number) em.createNativeQuery(ClaimSql.ANY_CLAIMED).setParameter(1, instanceId).setParameter(2, Times.sql(now))
                .getSingleResult()).longValue() > 0) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        if (ordered) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(ClaimSql.OUTSTANDING_IN_ORDER).setParameter(1, Times.sql(now))
                    .setParameter(2, Times.sql(now)).setParameter(3, instanceId).setMaxResults(limit).getResultList();
            for (Object[] row : rows) {
                if (((Number) row[1]).intValue() != 1) {
                    break;
                }
                ids.add((String) row[0]);
            }
        } else {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery(ClaimSql.NEXT_DUE + ClaimSql.ORDER).setParameter(1, instanceId).setParameter(2, Times.sql(now))
                    .setParameter(3, Times.sql(now)).setParameter(4, Times.sql(now)).setMaxResults(limit).getResultList();
            rows.forEach(r -> ids.add((String) r));
        }
        List<Claimed> claimed = new ArrayList<>();
        for (String id : ids) {
            Claim claim = new Claim(id, UUID.randomUUID().toString(), now.plus(claimFor.multipliedBy(claimed.size() + 1L)));
            int updated = em.createNativeQuery(ClaimSql.CLAIM)
                    .setParameter(1, claim.owner())
                    .setParameter(2, Times.sql(claim.expiresAt()))
                    .setParameter(3, id)
                    .setParameter(4, Times.sql(now))
                    .executeUpdate();
            if (updated != 1) {
                break; // taken meanwhile: what follows it must wait (ordered), or comes in the next batch
            }
            log.outgoing(id).ifPresent(outgoing -> claimed.add(new Claimed(claim, outgoing)));
        }
        return claimed;
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
