package dev.changewire.notifications.control;

/**
 * The deletes of retention, each a bounded batch of the oldest rows past the cutoff, the same SQL on H2
 * and PostgreSQL. A batch is small so that no delete holds many row locks or writes a large
 * transaction; {@code FETCH FIRST} inside {@code IN} works on both databases. Parameters: cutoff, batch size.
 */
final class RetentionSql {

    /** Delivered notifications: their attempts and event links go with them (ON DELETE CASCADE). */
    static final String DELIVERED_NOTIFICATIONS = "DELETE FROM notification WHERE id IN (SELECT n.id FROM notification n"
            + " WHERE n.status = 'DELIVERED' AND n.delivered_at < ? ORDER BY n.delivered_at FETCH FIRST ? ROWS ONLY)";

    /** Attempts in the delivery log, of any notification (the notification keeps its counts and last error). */
    static final String ATTEMPTS = "DELETE FROM notification_attempt WHERE id IN (SELECT a.id FROM notification_attempt a"
            + " WHERE a.started_at < ? ORDER BY a.started_at FETCH FIRST ? ROWS ONLY)";

    /**
     * Notified events no remaining notification carries. Events still on their way (NEW, DISPATCHED)
     * or held for a redelivery (QUEUED) stay, however old.
     */
    static final String NOTIFIED_EVENTS = "DELETE FROM change_event WHERE id IN (SELECT e.id FROM change_event e"
            + " WHERE e.status = 'NOTIFIED' AND e.detected_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM notification_event ne WHERE ne.event_id = e.id)"
            + " ORDER BY e.detected_at FETCH FIRST ? ROWS ONLY)";

    private RetentionSql() {
    }
}
