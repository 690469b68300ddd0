package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claim rules, run as the real SQL on H2 with the real schema. */
class ClaimSqlTest {

    static final Instant NOW = Instant.parse("2026-11-27T13:00:00Z");
    static final long INSTANCE = 100;
    static final long OTHER = 101;

    Connection db;
    long nextEvent = 1;

    @BeforeEach
    void schema() throws SQLException {
        String url = "jdbc:h2:mem:claims-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, "sa", "");
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO organization (id, name, secret_hash, created_at) VALUES (1, 'o', 'h', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO app_user (id, organization_id, email_address, role, secret_hash, created_at)"
                    + " VALUES (1, 1, 'a@b.c', 'ADMIN', 'u', CURRENT_TIMESTAMP)");
            for (long id : new long[] {INSTANCE, OTHER}) {
                s.execute("INSERT INTO element_instance (id, organization_id, owner_user_id, element_key, name, token_encrypted, token_hash,"
                        + " created_at, updated_at) VALUES (" + id + ", 1, 1, 'constantcontact', 'i', 't', 'h" + id
                        + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    /** A notification of the instance, detected {@code order} seconds after the first one. */
    void notification(String id, long instance, int order, String status, Instant due, Instant claimExpires) throws SQLException {
        long event = nextEvent++;
        try (PreparedStatement e = db.prepareStatement("INSERT INTO change_event (id, instance_id, organization_id, object_type,"
                + " object_id, event_type, event_date, version_at, detected_at, record, status)"
                + " VALUES (?, ?, 1, 'contacts', ?, 'UPDATED', ?, ?, ?, '{}', 'DISPATCHED')")) {
            e.setLong(1, event);
            e.setLong(2, instance);
            e.setString(3, "c" + event);
            e.setObject(4, Times.sql(NOW));
            e.setObject(5, Times.sql(NOW.plusSeconds(order)));
            e.setObject(6, Times.sql(NOW.plusSeconds(order)));
            e.executeUpdate();
        }
        try (PreparedStatement n = db.prepareStatement("INSERT INTO notification (id, instance_id, organization_id, object_type, status,"
                + " ordering_at, first_event_id, event_count, created_at, round_attempts, attempts_total, next_attempt_at,"
                + " claim_owner, claim_expires_at) VALUES (?, ?, 1, 'contacts', ?, ?, ?, 1, ?, 0, 0, ?, ?, ?)")) {
            n.setString(1, id);
            n.setLong(2, instance);
            n.setString(3, status);
            n.setObject(4, Times.sql(NOW.plusSeconds(order)));
            n.setLong(5, event);
            n.setObject(6, Times.sql(NOW));
            n.setObject(7, due == null ? null : Times.sql(due));
            n.setString(8, claimExpires == null ? null : "someone");
            n.setObject(9, claimExpires == null ? null : Times.sql(claimExpires));
            n.executeUpdate();
        }
    }

    Optional<String> next(long instance, boolean ordered, Instant now) throws SQLException {
        List<String> batch = batch(instance, ordered, now, 1);
        return batch.isEmpty() ? Optional.empty() : Optional.of(batch.get(0));
    }

    /** What DeliveryClaims.claimBatch would claim, by the same statements. */
    List<String> batch(long instance, boolean ordered, Instant now, int limit) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(ClaimSql.ANY_CLAIMED)) {
            q.setLong(1, instance);
            q.setObject(2, Times.sql(now));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return List.of();
                }
            }
        }
        List<String> ids = new ArrayList<>();
        if (ordered) {
            try (PreparedStatement q = db.prepareStatement(ClaimSql.OUTSTANDING_IN_ORDER + " FETCH FIRST " + limit + " ROWS ONLY")) {
                q.setObject(1, Times.sql(now));
                q.setObject(2, Times.sql(now));
                q.setLong(3, instance);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next() && rs.getInt(2) == 1) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        }
        try (PreparedStatement q = db.prepareStatement(ClaimSql.NEXT_DUE + ClaimSql.ORDER + " FETCH FIRST " + limit + " ROWS ONLY")) {
            q.setLong(1, instance);
            q.setObject(2, Times.sql(now));
            q.setObject(3, Times.sql(now));
            q.setObject(4, Times.sql(now));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    @Test
    void anOrderedBatchIsTheDuePrefixAndStopsAtAWaitingRetryAnUnorderedOneSkipsIt() throws SQLException {
        notification("n1", INSTANCE, 1, "PENDING", NOW, null);
        notification("n2", INSTANCE, 2, "PENDING", NOW, null);
        notification("n3", INSTANCE, 3, "RETRYING", NOW.plusSeconds(300), null);
        notification("n4", INSTANCE, 4, "PENDING", NOW, null);
        notification("n5", INSTANCE, 5, "DELIVERED", null, null);
        assertEquals(List.of("n1", "n2"), batch(INSTANCE, true, NOW, 10));
        assertEquals(List.of("n1"), batch(INSTANCE, true, NOW, 1));
        assertEquals(List.of("n1", "n2", "n4"), batch(INSTANCE, false, NOW, 10));
    }

    int claim(String id, String owner, Instant now) throws SQLException {
        try (PreparedStatement u = db.prepareStatement(ClaimSql.CLAIM)) {
            u.setString(1, owner);
            u.setObject(2, Times.sql(now.plusSeconds(60)));
            u.setString(3, id);
            u.setObject(4, Times.sql(now));
            return u.executeUpdate();
        }
    }

    @Test
    void theEarliestDueNotificationGoesFirst() throws SQLException {
        notification("n2", INSTANCE, 2, "PENDING", NOW, null);
        notification("n1", INSTANCE, 1, "PENDING", NOW, null);
        assertEquals(Optional.of("n1"), next(INSTANCE, true, NOW));
        assertEquals(Optional.of("n1"), next(INSTANCE, false, NOW));
    }

    @Test
    void orderedDeliveryWaitsForARetryingPredecessorUnorderedDoesNot() throws SQLException {
        notification("n1", INSTANCE, 1, "RETRYING", NOW.plusSeconds(300), null);
        notification("n2", INSTANCE, 2, "PENDING", NOW, null);
        assertEquals(Optional.empty(), next(INSTANCE, true, NOW));
        assertEquals(Optional.of("n2"), next(INSTANCE, false, NOW));
        // once its time comes the predecessor goes first
        assertEquals(Optional.of("n1"), next(INSTANCE, true, NOW.plusSeconds(301)));
    }

    @Test
    void deliveredFailedAndQueuedPredecessorsDoNotBlock() throws SQLException {
        notification("n1", INSTANCE, 1, "DELIVERED", null, null);
        notification("n2", INSTANCE, 2, "FAILED", null, null);
        notification("n3", INSTANCE, 3, "QUEUED", null, null);
        notification("n4", INSTANCE, 4, "PENDING", NOW, null);
        assertEquals(Optional.of("n4"), next(INSTANCE, true, NOW));
    }

    @Test
    void oneAttemptInFlightPerInstanceAndAnotherInstanceIsNotHeldUp() throws SQLException {
        notification("n1", INSTANCE, 1, "PENDING", NOW, NOW.plusSeconds(30));
        notification("n2", INSTANCE, 2, "PENDING", NOW, null);
        notification("o1", OTHER, 0, "PENDING", NOW, null);
        assertEquals(Optional.empty(), next(INSTANCE, true, NOW));
        assertEquals(Optional.empty(), next(INSTANCE, false, NOW));
        assertEquals(Optional.of("o1"), next(OTHER, true, NOW));
    }

    @Test
    void anExpiredClaimIsWhatACrashLeavesAndItIsTakenOver() throws SQLException {
        notification("n1", INSTANCE, 1, "PENDING", NOW.minusSeconds(120), NOW.minusSeconds(1));
        assertEquals(Optional.of("n1"), next(INSTANCE, true, NOW));
        assertEquals(1, claim("n1", "me", NOW));
    }

    @Test
    void theClaimIsConditionalOnlyOneOfTwoSendersGetsIt() throws SQLException {
        notification("n1", INSTANCE, 1, "PENDING", NOW, null);
        assertEquals(1, claim("n1", "first", NOW));
        assertEquals(0, claim("n1", "second", NOW));
        try (PreparedStatement release = db.prepareStatement(ClaimSql.RELEASE)) {
            release.setString(1, "n1");
            release.setString(2, "second");
            assertEquals(0, release.executeUpdate());
            release.setString(2, "first");
            assertEquals(1, release.executeUpdate());
        }
    }

    @Test
    void notYetDueIsNotSentAndDueInstancesListsOnlyUnclaimedDueWork() throws SQLException {
        notification("n1", INSTANCE, 1, "RETRYING", NOW.plusSeconds(5), null);
        notification("o1", OTHER, 1, "PENDING", NOW, null);
        assertEquals(Optional.empty(), next(INSTANCE, true, NOW));
        List<Long> due = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(ClaimSql.DUE_INSTANCES)) {
            q.setObject(1, Times.sql(NOW));
            q.setObject(2, Times.sql(NOW));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getLong(1));
                }
            }
        }
        assertEquals(List.of(OTHER), due);
    }
}
