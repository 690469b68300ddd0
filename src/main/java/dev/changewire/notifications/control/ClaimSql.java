package dev.changewire.notifications.control;

/**
 * The SQL that decides which notification of an instance goes next, run by every node (H2 and
 * PostgreSQL alike). A notification may be claimed when it is outstanding (PENDING or RETRYING), due,
 * not claimed by a live claim, no other notification of its instance is in flight (one attempt at a
 * time per instance, so a slow receiver ties up one sender at most), and, when the instance wants
 * ordered delivery, no earlier notification of the instance is still outstanding. The claim itself
 * is a conditional UPDATE: of two nodes that picked the same candidate, one updates a row, the other none.
 */
final class ClaimSql {

    private static final String OUTSTANDING = "('PENDING', 'RETRYING')";

    /** The instance's due and unclaimed notifications, while no other is claimed (unordered delivery). Parameters: instance id, now, now, now. */
    static final String NEXT_DUE = "SELECT n.id FROM notification n"
            + " WHERE n.instance_id = ? AND n.status IN " + OUTSTANDING
            + " AND n.next_attempt_at <= ?"
            + " AND (n.claim_expires_at IS NULL OR n.claim_expires_at < ?)"
            + " AND NOT EXISTS (SELECT 1 FROM notification f WHERE f.instance_id = n.instance_id AND f.id <> n.id"
            + " AND f.claim_expires_at >= ?)";

    static final String ORDER = " ORDER BY n.ordering_at, n.first_event_id";

    /**
     * The instance's outstanding notifications in delivery order, due or not, each with 1 when it may be
     * sent now (due and unclaimed): in ordered mode a batch is the prefix of 1s. Parameters: now, now, instance id.
     */
    static final String OUTSTANDING_IN_ORDER = "SELECT n.id, CASE WHEN n.next_attempt_at <= ?"
            + " AND (n.claim_expires_at IS NULL OR n.claim_expires_at < ?) THEN 1 ELSE 0 END FROM notification n"
            + " WHERE n.instance_id = ? AND n.status IN " + OUTSTANDING + ORDER;

    /** Whether any notification of the instance is claimed (one sender per instance at a time). Parameters: instance id, now. */
    static final String ANY_CLAIMED = "SELECT COUNT(*) FROM notification WHERE instance_id = ? AND claim_expires_at >= ?";

    /** Parameters: claim owner, claim expiry, id, now. */
    static final String CLAIM = "UPDATE notification SET claim_owner = ?, claim_expires_at = ?"
            + " WHERE id = ? AND status IN " + OUTSTANDING + " AND (claim_expires_at IS NULL OR claim_expires_at < ?)";

    /** Parameters: id, claim owner. */
    static final String RELEASE = "UPDATE notification SET claim_owner = NULL, claim_expires_at = NULL"
            + " WHERE id = ? AND claim_owner = ?";

    /**
     * Locks one notification's row before it is read. Not {@code em.find(..., PESSIMISTIC_WRITE)}: a
     * notification is read with its event list (an outer join), which PostgreSQL cannot lock in the same
     * statement, so Hibernate reads it unlocked and locks it in a second query (HHH000444): the state it
     * decided on could be one another node changed between the two. Parameter: id.
     */
    static final String LOCK = "SELECT id FROM notification WHERE id = ? FOR UPDATE";

    /** Instances with something to send now. Parameters: now, now. */
    static final String DUE_INSTANCES = "SELECT DISTINCT instance_id, organization_id FROM notification"
            + " WHERE status IN " + OUTSTANDING + " AND next_attempt_at <= ?"
            + " AND (claim_expires_at IS NULL OR claim_expires_at < ?)";

    private ClaimSql() {
    }

}
