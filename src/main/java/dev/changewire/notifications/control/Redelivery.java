package dev.changewire.notifications.control;

import dev.changewire.events.control.EventStates;
import dev.changewire.events.entity.EventStatus;
import dev.changewire.platform.control.Abbreviation;
import dev.changewire.notifications.entity.Notification;
import dev.changewire.notifications.entity.NotificationStatus;
import dev.changewire.platform.control.ApiException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends notifications again, with the same ids and bodies, in a fresh round of attempts: one at a
 * time, or all of an instance's in some statuses since some time (which also reactivates its subscription).
 */
@Stateless
public class Redelivery {

    /** What may be redelivered; PENDING and RETRYING ones are on their way already. */
    public static final Set<NotificationStatus> REDELIVERABLE = Set.of(NotificationStatus.FAILED, NotificationStatus.QUEUED,
            NotificationStatus.DELIVERED);

    @PersistenceContext
    EntityManager em;

    @Inject
    EventStates events;

    @Inject
    Subscriptions subscriptions;

    /** Redelivers one notification of the organization; one already on its way is left as it is. */
    public Notification one(long organizationId, String id) {
        em.createNativeQuery(ClaimSql.LOCK).setParameter(1, id).getResultList(); // locked, then read: see ClaimSql.LOCK
        Notification n = em.find(Notification.class, id);
        if (n == null || n.getOrganizationId() != organizationId) {
            throw ApiException.notFound("Notification " + Abbreviation.of(id) + " does not exist");
        }
        if (REDELIVERABLE.contains(n.getStatus())) {
            n.redeliver(Times.now());
            em.flush();
            dispatchQueuedEvents(n.getInstanceId());
        }
        return n;
    }

    /** Reactivates the subscription and redelivers the instance's notifications in these statuses created since {@code since}. */
    public int all(long instanceId, Set<NotificationStatus> statuses, Instant since) {
        for (NotificationStatus status : statuses) {
            if (!REDELIVERABLE.contains(status)) {
                throw ApiException.badRequest("status " + status + " cannot be redelivered; use FAILED, QUEUED or DELIVERED");
            }
        }
        subscriptions.activate(instanceId);
        String in = statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        Instant now = Times.now();
        int count = em.createNativeQuery("UPDATE notification SET status = 'PENDING', round_attempts = 0, next_attempt_at = ?,"
                        + " delivered_at = NULL, claim_owner = NULL, claim_expires_at = NULL"
                        + " WHERE instance_id = ? AND status IN (" + in + ") AND created_at >= ?")
                .setParameter(1, Times.sql(now))
                .setParameter(2, instanceId)
                .setParameter(3, Times.sql(since))
                .executeUpdate();
        dispatchQueuedEvents(instanceId);
        return count;
    }

    private void dispatchQueuedEvents(long instanceId) {
        events.move(subscriptions.eventIdsOf(instanceId, Set.of(NotificationStatus.PENDING)), EventStatus.QUEUED, EventStatus.DISPATCHED);
    }
}
