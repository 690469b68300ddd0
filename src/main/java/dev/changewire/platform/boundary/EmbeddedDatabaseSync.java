package dev.changewire.platform.boundary;

import dev.changewire.platform.control.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * On the embedded H2 database, forces the file to disk every second ({@code CHECKPOINT SYNC}).
 * <p>
 * Why: H2 writes over the space of chunks it no longer needs once they are older than the URL's
 * {@code RETENTION_TIME}, assuming that the operating system has written its buffers to the disk by then.
 * The default URL keeps 2 s ({@code ConfiguredDataSource}) instead of H2's 45 s, under which the file grew
 * to 1.5 GB in 30 minutes of the capacity benchmark; this sync makes the assumption true, so that a power
 * loss cannot find a chunk overwritten before the chunks that replaced it were on the disk. On PostgreSQL
 * it does nothing.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // the database is open and migrated before the first sync
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EmbeddedDatabaseSync {

    static final long EVERY_MILLIS = 1000;
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseSync.class.getName());

    @Resource(lookup = SchemaMigration.DATA_SOURCE)
    DataSource dataSource;

    @Resource
    TimerService timers;

    /** Whether the last sync failed: a failing disk is logged once, not every second. */
    private final AtomicBoolean failing = new AtomicBoolean();
    /** A sync in progress: a slow disk makes the next timer skip, not queue up behind it. */
    private final AtomicBoolean syncing = new AtomicBoolean();

    @PostConstruct
    void start() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")) {
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the database to tell whether it is the embedded one", e);
        }
        // once at once: a user without H2's admin right (a changewire.db.url of one's own) cannot, and should hear so now
        sync();
        timers.createIntervalTimer(EVERY_MILLIS, EVERY_MILLIS, new TimerConfig("changewire-h2-sync", false));
    }

    @Timeout
    void sync() {
        if (!syncing.compareAndSet(false, true)) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
            if (failing.compareAndSet(true, false)) {
                LOG.info("The embedded database's file is forced to disk again");
            }
        } catch (SQLException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Could not force the embedded database's file to disk (CHECKPOINT SYNC needs an H2 admin user);"
                        + " retrying every second. Until it works, a power loss may corrupt a file whose URL sets RETENTION_TIME below"
                        + " H2's 45 s (the default URL sets 2 s)", e);
            }
        } finally {
            syncing.set(false);
        }
    }
}
