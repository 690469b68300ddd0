package dev.changewire.notifications.control;

import dev.changewire.events.control.EventStates;
import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.events.entity.EventStatus;
import dev.changewire.notifications.entity.AttemptResult;
import dev.changewire.notifications.entity.DeliveryAttempt;
import dev.changewire.notifications.entity.DetectedEvent;
import dev.changewire.notifications.entity.Notification;
import dev.changewire.notifications.entity.NotificationFormat;
import dev.changewire.notifications.entity.NotificationStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what an attempt sends, and writes down what it got: the attempt's log line and the notification's new state. */
@Stateless
public class DeliveryLog {

    /** What a claimed attempt sends. */
    /** What a claimed attempt sends; {@code headers} describe the body in its format (Content-Type, CloudEvents' ce-*). */
    public record Outgoing(String notificationId, long instanceId, long organizationId, Map<String, String> headers, byte[] body,
                           Instant detectedAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    EventStates eventStates;

    @Inject
    NotificationEnvelopes envelopes;

    @Inject
    Subscriptions subscriptions;

    public Optional<Outgoing> outgoing(String notificationId) {
        Notification n = em.find(Notification.class, notificationId);
        if (n == null) {
            return Optional.empty();
        }
        byte[] body = n.getBodyBytes();
        NotificationFormat format = n.getBodyFormat();
        if (body != null && format == NotificationFormat.CLOUD_ELEMENTS) {
            return Optional.of(new Outgoing(n.getId(), n.getInstanceId(), n.getOrganizationId(), Map.of("Content-Type", "application/json"),
                    body, n.getOrderingAt()));
        }
        // too large to keep, or CloudEvents (whose binary mode needs its ce-* headers too): rebuilt from the events in the
        // notification's own format, which gives the same bytes
        NotificationEnvelopes.Envelope envelope = envelopes.envelope(format, n.getId(), n.getInstanceId(),
                events(n).stream().map(DetectedEvent::of).toList());
        return Optional.of(new Outgoing(n.getId(), n.getInstanceId(), n.getOrganizationId(), envelope.headers(), envelope.body(),
                n.getOrderingAt()));
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
            setEventStatus(n, EventStatus.NOTIFIED);
        } else if (verdict.status() == NotificationStatus.QUEUED || verdict.status() == NotificationStatus.FAILED) {
            setEventStatus(n, EventStatus.QUEUED);
        }
        em.flush();
        if (verdict.deactivate()) {
            subscriptions.deactivate(n.getInstanceId(), verdict.reason());
        }
        return verdict;
    }

    /** One claimed notification's attempt (null: not sent, its claim is released). */
    public record Sent(DeliveryClaims.Claim claim, AttemptResult result) {
    }

    /**
     * Logs a batch's attempts and settles their notifications in one transaction, as {@link #record}
     * would one by one; the claims of those not sent are released. Verdicts in the batch's order, null
     * for a deleted notification or one not sent.
     */
    public List<AttemptVerdict> recordAll(List<Sent> batch, RetrySchedule schedule) {
        List<AttemptVerdict> verdicts = new ArrayList<>();
        for (Sent sent : batch) {
            if (sent.result() == null) {
                em.createNativeQuery(ClaimSql.RELEASE).setParameter(1, sent.claim().notificationId())
                        .setParameter(2, sent.claim().owner()).executeUpdate();
                verdicts.add(null);
            } else {
                verdicts.add(record(sent.claim(), sent.result(), schedule));
            }
        }
        return verdicts;
    }

    private void setEventStatus(Notification n, EventStatus status) {
        // by primary key (a notification's worth of ids): the IN (SELECT ... notification_event) form had H2
        // test every change_event row against the subquery
        eventStates.set(n.getEventIds(), status);
    }

    public List<ChangeEvent> events(Notification n) {
        List<ChangeEvent> events = em.createQuery("SELECT e FROM ChangeEvent e WHERE e.id IN :ids", ChangeEvent.class)
                .setParameter("ids", n.getEventIds()).getResultList();
        // in the notification's order
        return n.getEventIds().stream().map(id -> events.stream().filter(e -> e.getId().equals(id)).findFirst().orElseThrow()).toList();
    }
}
