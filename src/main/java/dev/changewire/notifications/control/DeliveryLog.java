package dev.changewire.notifications.control;

import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.notifications.entity.AttemptResult;
import dev.changewire.notifications.entity.DeliveryAttempt;
import dev.changewire.notifications.entity.DetectedEvent;
import dev.changewire.notifications.entity.Notification;
import dev.changewire.notifications.entity.NotificationStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads what an attempt sends, and writes down what it got: the attempt's log line and the notification's new state. */
@Stateless
public class DeliveryLog {

    /** What a claimed attempt sends. */
    public record Outgoing(String notificationId, long instanceId, long organizationId, byte[] body, Instant detectedAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    NotificationPayload payload;

    @Inject
    Subscriptions subscriptions;

    public Optional<Outgoing> outgoing(String notificationId) {
        Notification n = em.find(Notification.class, notificationId);
        if (n == null) {
            return Optional.empty();
        }
        byte[] body = n.getBodyBytes();
        if (body == null) {
            // too large to keep: rebuilt from the events, which gives the same bytes
            body = payload.body(n.getId(), n.getInstanceId(), events(n).stream().map(DetectedEvent::of).toList());
        }
        return Optional.of(new Outgoing(n.getId(), n.getInstanceId(), n.getOrganizationId(), body, n.getOrderingAt()));
    }

    /**
     * Logs the attempt and settles the notification. If the claim was lost meanwhile (it expired and
     * another sender took over, or the operator redelivered or deactivated), only a delivery still
     * counts; a failure is just logged.
     */
    public AttemptVerdict record(DeliveryClaims.Claim claim, AttemptResult result, RetrySchedule schedule) {
        boolean released = em.createNativeQuery(ClaimSql.RELEASE)
                .setParameter(1, claim.notificationId())
                .setParameter(2, claim.owner())
                .executeUpdate() == 1;
        em.createNativeQuery(ClaimSql.LOCK).setParameter(1, claim.notificationId()).getResultList(); // locked, then read: see ClaimSql.LOCK
        Notification n = em.find(Notification.class, claim.notificationId());
        if (n == null) {
            return null; // its instance was deleted meanwhile
        }
        Instant now = Times.now();
        n.countAttempt();
        AttemptVerdict verdict = AttemptVerdict.of(result, n.getRoundAttempts(), schedule, subscriptions.isActive(n.getInstanceId()), now);
        em.persist(new DeliveryAttempt(n.getId(), n.getAttemptsTotal(), result, verdict.nextAttempt()));
        if (!released && verdict.status() != NotificationStatus.DELIVERED) {
            return verdict;
        }
        n.releaseClaim();
        n.setStatus(verdict.status());
        n.setNextAttemptAt(verdict.nextAttempt());
        n.setLastError(verdict.reason());
        if (verdict.status() == NotificationStatus.DELIVERED) {
            n.setDeliveredAt(now);
            setEventStatus(n, "NOTIFIED");
        } else if (verdict.status() == NotificationStatus.QUEUED || verdict.status() == NotificationStatus.FAILED) {
            setEventStatus(n, "QUEUED");
        }
        em.flush();
        if (verdict.deactivate()) {
            subscriptions.deactivate(n.getInstanceId(), verdict.reason());
        }
        return verdict;
    }

    private void setEventStatus(Notification n, String status) {
        em.createNativeQuery("UPDATE change_event SET status = ? WHERE id IN"
                        + " (SELECT event_id FROM notification_event WHERE notification_id = ?)")
                .setParameter(1, status)
                .setParameter(2, n.getId())
                .executeUpdate();
    }

    public List<ChangeEvent> events(Notification n) {
        List<ChangeEvent> events = em.createQuery("SELECT e FROM ChangeEvent e WHERE e.id IN :ids", ChangeEvent.class)
                .setParameter("ids", n.getEventIds()).getResultList();
        // in the notification's order
        return n.getEventIds().stream().map(id -> events.stream().filter(e -> e.getId().equals(id)).findFirst().orElseThrow()).toList();
    }
}
