package dev.changewire.notifications.control;

import dev.changewire.events.entity.EventsRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a poll page's events are committed, stores their notifications and sends them, on the
 * delivery executor: the poller's thread only hands them over (see {@link Deliverer#handOver}). If
 * this is lost (a crash, a full queue), the events stay NEW and the sweeper dispatches them.
 */
@ApplicationScoped
public class DispatchObserver {

    private static final Logger LOG = Logger.getLogger(DispatchObserver.class.getName());

    @Inject
    Dispatch dispatch;

    @Inject
    Deliverer deliverer;

    void recorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsRecorded recorded) {
        long instanceId = recorded.instanceId();
        deliverer.handOver(() -> dispatchAndSend(instanceId));
    }

    void dispatchAndSend(long instanceId) {
        try {
            Dispatch.Dispatched dispatched = dispatch.dispatch(instanceId);
            if (dispatched.any()) {
                deliverer.schedule(dispatched.organizationId(), instanceId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Dispatching events of instance " + instanceId + " failed; the sweeper will retry", e);
        }
    }
}
