package dev.changewire.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Deletes what is older than {@code changewire.retention.events}: delivered notifications (with their
 * attempts and event links), attempts of the delivery log, and notified events. One bounded batch per
 * call and transaction ({@link RetentionSql}); the caller repeats while batches come back full.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class Retention {

    /** What retention deletes, in the order it runs (notifications first: their events are then free to go). */
    public enum Kind {
        DELIVERED_NOTIFICATIONS(RetentionSql.DELIVERED_NOTIFICATIONS),
        ATTEMPTS(RetentionSql.ATTEMPTS),
        NOTIFIED_EVENTS(RetentionSql.NOTIFIED_EVENTS);

        final String sql;

        Kind(String sql) {
            this.sql = sql;
        }
    }

    @PersistenceContext
    EntityManager em;

    /** Deletes at most {@code batchSize} rows of the kind older than {@code cutoff}; answers how many. */
    public int deleteBatch(Kind kind, Instant cutoff, int batchSize) {
        return em.createNativeQuery(kind.sql).setParameter(1, Times.sql(cutoff)).setParameter(2, batchSize).executeUpdate();
    }
}
