package dev.changewire.events.control;

import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.events.entity.EventsRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Records detected changes; the caller's transaction (a poll page) decides when they become visible. */
@ApplicationScoped
public class EventLog {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<EventsRecorded> recorded;

    /** Persists the events of one page of one resource and announces them; must run in the page's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ChangeEvent> record(long instanceId, String objectType, List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        events.forEach(em::persist);
        em.flush();
        recorded.fire(new EventsRecorded(instanceId));
        return events;
    }
}
