package dev.changewire.notifications.control;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.notifications.entity.DeliveryAttempt;
import dev.changewire.notifications.entity.Notification;
import dev.changewire.notifications.entity.NotificationStatus;
import dev.changewire.platform.control.ApiException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Notifications as the operator sees them: with their events and their attempts, newest first, scoped to an organization. */
@Stateless
public class NotificationQueries {

    /** A notification with what it carries and what happened to it. */
    public record Detail(Notification notification, List<Event> events, List<DeliveryAttempt> attempts) {
    }

    /** One event of a notification as the operator sees it (the events component's entity stays behind this control). */
    public record Event(long id, String eventType, String objectType, String objectId, Instant date, Instant detectedDate, String status) {

        static Event of(ChangeEvent e) {
            return new Event(e.getId(), e.getEventType().name(), e.getObjectType(), e.getObjectId(), e.getEventDate(), e.getDetectedAt(),
                    e.getStatus().name());
        }
    }

    /** One page, newest first, and where the next one starts (null on the last page). */
    public record Page(List<Detail> notifications, NotificationPageTokens.Position next) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    DeliveryLog log;

    public Detail one(long organizationId, String id) {
        Notification n = em.find(Notification.class, id);
        if (n == null || n.getOrganizationId() != organizationId) {
            throw ApiException.notFound("Notification " + Abbreviation.of(id) + " does not exist");
        }
        return detail(n);
    }

    /**
     * @param instanceId null for all of the organization's instances
     * @param statuses   empty for every status
     * @param after      where the page starts, or null for the newest
     */
    public Page page(long organizationId, Long instanceId, Set<NotificationStatus> statuses, NotificationPageTokens.Position after,
            int pageSize) {
        StringBuilder jpql = new StringBuilder("SELECT n FROM Notification n WHERE n.organizationId = :organization");
        if (instanceId != null) {
            jpql.append(" AND n.instanceId = :instance");
        }
        if (!statuses.isEmpty()) {
            jpql.append(" AND n.status IN :statuses");
        }
        if (after != null) {
            jpql.append(" AND (n.createdAt < :createdAt OR (n.createdAt = :createdAt AND n.id < :id))");
        }
        jpql.append(" ORDER BY n.createdAt DESC, n.id DESC");
        TypedQuery<Notification> query = em.createQuery(jpql.toString(), Notification.class)
                .setParameter("organization", organizationId);
        if (instanceId != null) {
            query.setParameter("instance", instanceId);
        }
        if (!statuses.isEmpty()) {
            query.setParameter("statuses", statuses);
        }
        if (after != null) {
            query.setParameter("createdAt", after.createdAt()).setParameter("id", after.id());
        }
        List<Notification> rows = query.setMaxResults(pageSize + 1).getResultList();
        boolean more = rows.size() > pageSize;
        List<Detail> details = new ArrayList<>();
        for (Notification n : more ? rows.subList(0, pageSize) : rows) {
            details.add(detail(n));
        }
        Notification last = more ? rows.get(pageSize - 1) : null;
        return new Page(details, last == null ? null : new NotificationPageTokens.Position(last.getCreatedAt(), last.getId()));
    }

    private Detail detail(Notification n) {
        List<DeliveryAttempt> attempts = em.createQuery("SELECT a FROM DeliveryAttempt a WHERE a.notificationId = :id ORDER BY a.id",
                DeliveryAttempt.class).setParameter("id", n.getId()).getResultList();
        return new Detail(n, log.events(n).stream().map(Event::of).toList(), attempts);
    }
}
