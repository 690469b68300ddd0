package dev.changewire.events.control;

import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.events.entity.EventStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one home of an event's status ({@link EventStatus}: NEW → DISPATCHED → NOTIFIED, or QUEUED while
 * its instance's subscription is off). The notifications component calls these methods inside its own
 * transactions; it never writes the change_event table itself.
 */
@ApplicationScoped
@Transactional
public class EventStates {

    /** Ids per UPDATE: a bounded statement on every database (PostgreSQL allows 32,767 parameters). */
    static final int IDS_PER_STATEMENT = 1000;

    @PersistenceContext
    EntityManager em;

    /**
     * The events among these ids that are still NEW, locked, in detection order. A second dispatcher of
     * the same events waits for the lock, then finds them no longer NEW. Selected by the ids' range (a
     * primary-key range scan) and narrowed to the ids here, not by a long IN list.
     */
    public List<ChangeEvent> lockNew(long instanceId, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<Long> wanted = new HashSet<>(ids);
        return em.createQuery("SELECT e FROM ChangeEvent e WHERE e.id BETWEEN :first AND :last"
                        + " AND e.instanceId = :instance AND e.status = :status ORDER BY e.detectedAt, e.id", ChangeEvent.class)
                .setParameter("first", Collections.min(ids))
                .setParameter("last", Collections.max(ids))
                .setParameter("instance", instanceId)
                .setParameter("status", EventStatus.NEW)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .stream().filter(e -> wanted.contains(e.getId())).toList();
    }

    /** The ids of the instance's NEW events, all resources, the oldest first, at most {@code limit}. */
    public List<Long> newIds(long instanceId, int limit) {
        return em.createQuery("SELECT e.id FROM ChangeEvent e WHERE e.instanceId = :instance AND e.status = :status"
                        + " ORDER BY e.detectedAt, e.id", Long.class)
                .setParameter("instance", instanceId)
                .setParameter("status", EventStatus.NEW)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Instances with NEW events detected before {@code before}: left behind by a crash between commit and dispatch. */
    public List<Long> newBefore(Instant before, int limit) {
        return em.createQuery("SELECT DISTINCT e.instanceId FROM ChangeEvent e"
                        + " WHERE e.status = :status AND e.detectedAt < :before", Long.class)
                .setParameter("status", EventStatus.NEW)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Sets these events' status, by primary key. */
    public int set(Collection<Long> ids, EventStatus status) {
        int changed = 0;
        for (List<Long> chunk : chunks(ids)) {
            changed += em.createQuery("UPDATE ChangeEvent e SET e.status = :status WHERE e.id IN :ids")
                    .setParameter("status", status).setParameter("ids", chunk).executeUpdate();
        }
        return changed;
    }

    /** Moves those of these events that are in {@code from} to {@code to}; the others keep their status. */
    public int move(Collection<Long> ids, EventStatus from, EventStatus to) {
        int changed = 0;
        for (List<Long> chunk : chunks(ids)) {
            changed += em.createQuery("UPDATE ChangeEvent e SET e.status = :to WHERE e.status = :from AND e.id IN :ids")
                    .setParameter("to", to).setParameter("from", from).setParameter("ids", chunk).executeUpdate();
        }
        return changed;
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IDS_PER_STATEMENT) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IDS_PER_STATEMENT)));
        }
        return chunks;
    }
}
