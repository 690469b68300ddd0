package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention's deletes, run as the real SQL with the real schema: on H2 always, and on PostgreSQL when
 * {@code -Dretention.pg.url=jdbc:postgresql://127.0.0.1:5432/<db>} names a database to make a scratch schema in
 * (user postgres, password {@code -Dretention.pg.password}; {@code -Ppostgres} sets both from its own database).
 */
class RetentionSqlTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration RETENTION = Duration.ofDays(30);
    static final Instant CUTOFF = NOW.minus(RETENTION);
    static final Instant OLD = CUTOFF.minusSeconds(3600);
    static final Instant YOUNG = CUTOFF.plusSeconds(3600);

    static final String PG_PASSWORD = System.getProperty("retention.pg.password", "");

    Connection db;
    String schema; // PostgreSQL's scratch schema, dropped afterwards
    long nextId = 1;

    static Stream<String> databases() {
        String pg = System.getProperty("retention.pg.url");
        return pg == null || pg.isBlank() ? Stream.of("h2") : Stream.of("h2", pg);
    }

    void open(String database) throws SQLException {
        if (database.equals("h2")) {
            String url = "jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
            db = DriverManager.getConnection(url, "sa", "");
        } else {
            schema = "retention_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Flyway.configure().dataSource(database, "postgres", PG_PASSWORD).schemas(schema).locations("classpath:db/migration").load().migrate();
            db = DriverManager.getConnection(database + (database.contains("?") ? "&" : "?") + "currentSchema=" + schema, "postgres", PG_PASSWORD);
        }
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO organization (id, name, secret_hash, created_at) VALUES (1, 'o', 'h', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO app_user (id, organization_id, email_address, role, secret_hash, created_at)"
                    + " VALUES (1, 1, 'a@b.c', 'ADMIN', 'u', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO element_instance (id, organization_id, owner_user_id, element_key, name, token_encrypted, token_hash,"
                    + " created_at, updated_at) VALUES (100, 1, 1, 'constantcontact', 'i', 't', 'h100', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        if (db != null) {
            if (schema != null) {
                try (Statement s = db.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            db.close();
        }
    }

    long event(String status, Instant detected) throws SQLException {
        long id = nextId++;
        try (PreparedStatement e = db.prepareStatement("INSERT INTO change_event (id, instance_id, organization_id, object_type,"
                + " object_id, event_type, event_date, version_at, detected_at, record, status)"
                + " VALUES (?, 100, 1, 'contacts', ?, 'UPDATED', ?, ?, ?, '{}', ?)")) {
            e.setLong(1, id);
            e.setString(2, "c" + id);
            e.setObject(3, Times.sql(detected));
            e.setObject(4, Times.sql(detected));
            e.setObject(5, Times.sql(detected));
            e.setString(6, status);
            e.executeUpdate();
        }
        return id;
    }

    String notification(String status, Instant created, Instant delivered, long event) throws SQLException {
        String id = "n" + nextId++;
        try (PreparedStatement n = db.prepareStatement("INSERT INTO notification (id, instance_id, organization_id, object_type, status,"
                + " ordering_at, first_event_id, event_count, created_at, round_attempts, attempts_total, delivered_at)"
                + " VALUES (?, 100, 1, 'contacts', ?, ?, ?, 1, ?, 1, 1, ?)")) {
            n.setString(1, id);
            n.setString(2, status);
            n.setObject(3, Times.sql(created));
            n.setLong(4, event);
            n.setObject(5, Times.sql(created));
            n.setObject(6, delivered == null ? null : Times.sql(delivered));
            n.executeUpdate();
        }
        try (PreparedStatement ne = db.prepareStatement("INSERT INTO notification_event (notification_id, position, event_id) VALUES (?, 0, ?)")) {
            ne.setString(1, id);
            ne.setLong(2, event);
            ne.executeUpdate();
        }
        return id;
    }

    long attempt(String notification, Instant started) throws SQLException {
        long id = nextId++;
        try (PreparedStatement a = db.prepareStatement("INSERT INTO notification_attempt (id, notification_id, attempt_number, started_at,"
                + " duration_ms, outcome) VALUES (?, ?, 1, ?, 5, 'DELIVERED')")) {
            a.setLong(1, id);
            a.setString(2, notification);
            a.setObject(3, Times.sql(started));
            a.executeUpdate();
        }
        return id;
    }

    /** Runs one kind's batches until one comes back short, as the sweeper does; answers the batch sizes. */
    List<Integer> sweep(String sql, int batch) throws SQLException {
        List<Integer> batches = new ArrayList<>();
        for (int n = batch; n == batch; ) {
            try (PreparedStatement d = db.prepareStatement(sql)) {
                d.setObject(1, Times.sql(CUTOFF));
                d.setInt(2, batch);
                n = d.executeUpdate();
                batches.add(n);
            }
        }
        return batches;
    }

    List<String> ids(String table) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        ids.sort(null);
        return ids;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rowsOlderThanTheRetentionGoAndYoungerOnesStay(String database) throws SQLException {
        open(database);
        // delivered before the cutoff: the notification, its attempt and its event go
        long oldEvent = event("NOTIFIED", OLD);
        String oldDelivered = notification("DELIVERED", OLD, OLD, oldEvent);
        long oldAttempt = attempt(oldDelivered, OLD);
        // delivered after the cutoff, of an event detected before it: all stay
        long eventOfYoung = event("NOTIFIED", OLD);
        String youngDelivered = notification("DELIVERED", OLD, YOUNG, eventOfYoung);
        long youngAttempt = attempt(youngDelivered, YOUNG);
        // failed long ago (an operator may redeliver it): the notification and its event stay, its old attempt goes
        long failedEvent = event("DISPATCHED", OLD);
        String failed = notification("FAILED", OLD, null, failedEvent);
        long failedOldAttempt = attempt(failed, OLD);
        long failedYoungAttempt = attempt(failed, YOUNG);
        // events of no notification: only the notified old one goes
        long lonelyOld = event("NOTIFIED", OLD);
        long lonelyYoung = event("NOTIFIED", YOUNG);
        long undelivered = event("NEW", OLD);
        long held = event("QUEUED", OLD);
        // many old delivered ones, so that batches of 2 need several rounds
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String n = notification("DELIVERED", OLD.minusSeconds(i), OLD.minusSeconds(i), event("NOTIFIED", OLD.minusSeconds(i)));
            attempt(n, OLD.minusSeconds(i));
            many.add(n);
        }

        List<Integer> notificationBatches = sweep(RetentionSql.DELIVERED_NOTIFICATIONS, 2);
        assertEquals(List.of(2, 2, 2, 0), notificationBatches, "6 old delivered notifications in batches of at most 2");
        assertEquals(sorted(youngDelivered, failed), ids("notification"));
        assertEquals(sorted(Long.toString(youngAttempt), Long.toString(failedOldAttempt), Long.toString(failedYoungAttempt)),
                ids("notification_attempt"), "the deleted notifications' attempts went with them");

        assertEquals(List.of(1, 0), sweep(RetentionSql.ATTEMPTS, 1));
        assertEquals(sorted(Long.toString(youngAttempt), Long.toString(failedYoungAttempt)), ids("notification_attempt"));

        List<Integer> eventBatches = sweep(RetentionSql.NOTIFIED_EVENTS, 3);
        assertEquals(7, eventBatches.stream().mapToInt(Integer::intValue).sum(), "the old event, the lonely one and the 5: " + eventBatches);
        assertTrue(eventBatches.stream().allMatch(n -> n <= 3), eventBatches::toString);
        assertEquals(sorted(Long.toString(eventOfYoung), Long.toString(failedEvent), Long.toString(lonelyYoung),
                Long.toString(undelivered), Long.toString(held)), ids("change_event"));
        assertTrue(!ids("change_event").contains(Long.toString(oldEvent)) && !ids("change_event").contains(Long.toString(lonelyOld)));
        assertTrue(!ids("notification_attempt").contains(Long.toString(oldAttempt)));
        assertTrue(ids("notification").stream().noneMatch(many::contains));
        assertEquals(List.of(0), sweep(RetentionSql.DELIVERED_NOTIFICATIONS, 2), "a second sweep finds nothing");
    }

    static List<String> sorted(String... ids) {
        return Stream.of(ids).sorted().toList();
    }
}
