package dev.changewire.notifications.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.events.entity.EventStatus;
import dev.changewire.instances.control.Instances;
import dev.changewire.notifications.entity.DetectedEvent;
import dev.changewire.notifications.entity.Notification;
import dev.changewire.notifications.entity.NotificationFormat;
import dev.changewire.notifications.entity.NotificationStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns NEW events into stored notifications (events become DISPATCHED, or QUEUED while the
 * instance's subscription is deactivated), body bytes included, in one transaction: a notification
 * exists before anything is sent, and an event is in one notification at most.
 */
@Stateless
public class Dispatch {

    /** An instance and resource that has NEW events left behind (a crash between commit and dispatch). */
    public record Straggler(long instanceId, String objectType) {
    }

    /** The notifications one dispatch stored, in detection order (none if the events were dispatched already). */
    public record Dispatched(long organizationId, long instanceId, List<String> notificationIds) {
        public boolean any() {
            return !notificationIds.isEmpty();
        }
    }

    static final int MAX_EVENTS_PER_DISPATCH = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    NotificationEnvelopes envelopes;

    @Inject
    Instances instances;

    @Inject
    NotificationIds ids;

    @Inject
    Subscriptions subscriptions;

    /** Stores the notifications of these events that are still NEW; returns their ids in detection order. */
    public Dispatched dispatch(long instanceId, List<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return new Dispatched(0, instanceId, List.of());
        }
        // locked: a sweeper dispatching the same events waits, then finds them no longer NEW. Selected by
        // the ids' range (a primary-key range scan) and narrowed to the ids here, not by a long IN list.
        Set<Long> wanted = new HashSet<>(eventIds);
        List<ChangeEvent> events = em.createQuery("SELECT e FROM ChangeEvent e WHERE e.id BETWEEN :first AND :last"
                        + " AND e.instanceId = :instance AND e.status = :status ORDER BY e.detectedAt, e.id", ChangeEvent.class)
                .setParameter("first", Collections.min(eventIds))
                .setParameter("last", Collections.max(eventIds))
                .setParameter("instance", instanceId)
                .setParameter("status", EventStatus.NEW)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .stream().filter(e -> wanted.contains(e.getId())).toList();
        return store(instanceId, events);
    }

    /** Dispatches NEW events of the instance and resource (the oldest first, a bounded number). */
    public Dispatched dispatchLeftBehind(Straggler straggler) {
        // ids first, then locked by id: H2 cannot lock a limited query (FOR UPDATE ... LIMIT)
        List<Long> ids = em.createQuery("SELECT e.id FROM ChangeEvent e WHERE e.instanceId = :instance"
                        + " AND e.objectType = :type AND e.status = :status ORDER BY e.detectedAt, e.id", Long.class)
                .setParameter("instance", straggler.instanceId())
                .setParameter("type", straggler.objectType())
                .setParameter("status", EventStatus.NEW)
                .setMaxResults(MAX_EVENTS_PER_DISPATCH)
                .getResultList();
        return dispatch(straggler.instanceId(), ids);
    }

    /** Instances and resources with NEW events detected more than {@code age} ago. */
    public List<Straggler> leftBehind(Duration age, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT DISTINCT instance_id, object_type FROM change_event"
                        + " WHERE status = 'NEW' AND detected_at < ?")
                .setParameter(1, Times.sql(Instant.now().minus(age)))
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(r -> new Straggler(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    private Dispatched store(long instanceId, List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return new Dispatched(0, instanceId, List.of());
        }
        boolean active = subscriptions.isActive(instanceId);
        Instant now = Times.now();
        List<String> stored = new ArrayList<>();
        NotificationFormat format = format(events.get(0).getOrganizationId(), instanceId);
        for (List<ChangeEvent> batch : NotificationGrouping.group(events, ChangeEvent::getObjectType, format.batchSize())) {
            ChangeEvent first = batch.get(0);
            String id = ids.next();
            Notification notification = new Notification(id, instanceId, first.getOrganizationId(), first.getObjectType(),
                    active ? NotificationStatus.PENDING : NotificationStatus.QUEUED, first.getDetectedAt(),
                    batch.stream().map(ChangeEvent::getId).toList(), now);
            notification.setBodyFormat(format);
            notification.setBodyBytes(envelopes.envelope(format, id, instanceId, batch.stream().map(DetectedEvent::of).toList()).body());
            em.persist(notification);
            batch.forEach(e -> e.setStatus(active ? EventStatus.DISPATCHED : EventStatus.QUEUED));
            stored.add(id);
        }
        return new Dispatched(events.get(0).getOrganizationId(), instanceId, List.copyOf(stored));
    }

    /** The instance's notification format; the validator refuses a bad one, so a bad stored value falls back to the default. */
    private NotificationFormat format(long organizationId, long instanceId) {
        try {
            return NotificationFormat.of(instances.current(organizationId, instanceId).configuration());
        } catch (IllegalArgumentException e) {
            return NotificationFormat.CLOUD_ELEMENTS;
        }
    }
}
