package dev.changewire.notifications.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.events.control.EventStates;
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
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns NEW events into stored notifications (events become DISPATCHED, or QUEUED while the
 * instance's subscription is deactivated), body bytes included, in one transaction: a notification
 * exists before anything is sent, and an event is in one notification at most.
 */
@Stateless
public class Dispatch {

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

    @Inject
    EventStates events;

    /**
     * Stores the notifications of the instance's NEW events, the oldest first (a bounded number); returns
     * their ids in detection order. Always the oldest, never only the events of the page that asked: two
     * pages' dispatches run at once on the executor, and an earlier page's events may have been left NEW
     * by a crash. Had a later page's notification been stored (and sent) first, ordered delivery would
     * have sent a DELETED before its CREATED. A dispatch that finds the oldest locked by another waits for
     * it, then stores what is left: notifications are stored in detection order.
     */
    public Dispatched dispatch(long instanceId) {
        return store(instanceId, events.lockNew(instanceId, events.newIds(instanceId, MAX_EVENTS_PER_DISPATCH)));
    }

    /** Instances with NEW events detected more than {@code age} ago: a crash or a full hand-over queue left them behind. */
    public List<Long> leftBehind(Duration age, int limit) {
        return events.newBefore(Instant.now().minus(age), limit);
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
