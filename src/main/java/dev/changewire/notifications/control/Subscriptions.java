package dev.changewire.notifications.control;

import dev.changewire.events.control.EventStates;
import dev.changewire.events.entity.EventStatus;
import dev.changewire.notifications.entity.DeliverySubscription;
import dev.changewire.notifications.entity.NotificationStatus;
import dev.changewire.platform.control.SecretCipher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an instance's notifications are sent. Deactivated (by a 410, by the last failed attempt,
 * or by the operator), its outstanding notifications and every later one are QUEUED, and nothing is
 * sent until the operator redelivers.
 */
@Stateless
public class Subscriptions {

    @PersistenceContext
    EntityManager em;

    @Inject
    EventStates events;

    @Inject
    SecretCipher cipher;

    public boolean isActive(long instanceId) {
        DeliverySubscription row = em.find(DeliverySubscription.class, instanceId);
        return row == null || row.isActive();
    }

    public Optional<DeliverySubscription> find(long instanceId) {
        return Optional.ofNullable(em.find(DeliverySubscription.class, instanceId));
    }

    /** Deactivates and queues whatever was on its way (an attempt in flight settles when it ends). */
    public void deactivate(long instanceId, String reason) {
        Instant now = Times.now();
        row(instanceId, now).deactivate(now, reason);
        em.createNativeQuery("UPDATE notification SET status = 'QUEUED', next_attempt_at = NULL"
                + " WHERE instance_id = ? AND status IN ('PENDING', 'RETRYING')").setParameter(1, instanceId).executeUpdate();
        events.move(eventIdsOf(instanceId, Set.of(NotificationStatus.QUEUED, NotificationStatus.FAILED)),
                EventStatus.DISPATCHED, EventStatus.QUEUED);
    }

    /** Reactivates: new notifications are sent again; queued ones wait for a redelivery. */
    public void activate(long instanceId) {
        Instant now = Times.now();
        DeliverySubscription row = row(instanceId, now);
        if (!row.isActive()) {
            row.activate(now);
        }
    }

    /** Keeps the secret being replaced, so that it still signs until {@code expiresAt}. */
    public void keepPreviousSecret(long instanceId, String secret, Instant expiresAt) {
        row(instanceId, Times.now()).keepPreviousSecret(secret == null ? null : cipher.encrypt(secret), expiresAt);
    }

    /** The previous webhook secret, while its overlap lasts. */
    public Optional<String> previousSecret(long instanceId) {
        DeliverySubscription row = em.find(DeliverySubscription.class, instanceId);
        if (row == null || row.getPreviousSecretEncrypted() == null || row.getPreviousSecretExpiresAt() == null
                || !row.getPreviousSecretExpiresAt().isAfter(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(cipher.decrypt(row.getPreviousSecretEncrypted()));
    }

    private DeliverySubscription row(long instanceId, Instant now) {
        DeliverySubscription row = em.find(DeliverySubscription.class, instanceId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new DeliverySubscription(instanceId, now);
            em.persist(row);
        }
        return row;
    }

    /** The ids of the events in the instance's notifications that are in these statuses. */
    public List<Long> eventIdsOf(long instanceId, Set<NotificationStatus> statuses) {
        return em.createQuery("SELECT e FROM Notification n JOIN n.eventIds e WHERE n.instanceId = :instance"
                        + " AND n.status IN :statuses", Long.class)
                .setParameter("instance", instanceId).setParameter("statuses", statuses).getResultList();
    }
}
