package dev.changewire.platform.control;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's JDBC connections, opened from {@code changewire.db.*} MicroProfile Config keys.
 *
 * Declared through the standard {@code @DataSourceDefinition} so the server pools it and enlists it in
 * JTA transactions, while the URL comes from MicroProfile Config: no server-specific expression syntax
 * in the WAR, and an environment variable (CHANGEWIRE_DB_URL) is enough to switch to PostgreSQL.
 * The drivers are instantiated directly, bypassing DriverManager, whose class-loader rules differ
 * from server to server.
 *
 * The one bean property, {@code configKeys} (the prefix of the Config keys, {@code changewire.db}),
 * is what the {@code @DataSourceDefinition}s pass in {@code properties}: WildFly refuses a data source
 * class it can set no connection property on (IJ031103), and Payara sets it just the same.
 */
public class ConfiguredDataSource implements DataSource {

    private volatile PrintWriter logWriter;
    private volatile int loginTimeout;
    private volatile Settings settings;
    private volatile String configKeys = DEFAULT_CONFIG_KEYS;

    /** The prefix of the MicroProfile Config keys the connection settings are read from. */
    public static final String DEFAULT_CONFIG_KEYS = "changewire.db";

    /** Set by the server from the {@code @DataSourceDefinition}'s {@code properties}. */
    public void setConfigKeys(String prefix) {
        if (prefix != null && !prefix.isBlank()) {
            this.configKeys = prefix.trim();
        }
    }

    public String getConfigKeys() {
        return configKeys;
    }

    record Settings(String url, String user, String password, Driver driver) {
    }

    @Override
    public Connection getConnection() throws SQLException {
        Settings s = settings();
        return open(s, s.user(), s.password());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Settings s = settings();
        // the server passes the annotation's (empty) user; the configured one wins then
        boolean given = username != null && !username.isBlank();
        return open(s, given ? username : s.user(), given ? password : s.password());
    }

    private Connection open(Settings s, String user, String password) throws SQLException {
        Properties props = new Properties();
        if (user != null && !user.isBlank()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        Connection connection = s.driver().connect(s.url(), props);
        if (connection == null) {
            throw new SQLException("No JDBC driver accepts changewire.db.url " + s.url());
        }
        return connection;
    }

    private Settings settings() throws SQLException {
        Settings s = settings;
        if (s == null) {
            synchronized (this) {
                if (settings == null) {
                    settings = resolve(ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()), configKeys);
                }
                s = settings;
            }
        }
        return s;
    }

    static Settings resolve(Config config, String keys) throws SQLException {
        String url = config.getOptionalValue(keys + ".url", String.class)
                .filter(v -> !v.isBlank())
                .orElseGet(() -> defaultUrl(config));
        String user = config.getOptionalValue(keys + ".user", String.class).orElse(url.startsWith("jdbc:h2:") ? "sa" : "");
        String password = config.getOptionalValue(keys + ".password", String.class).orElse("");
        return new Settings(url, user, password, driverFor(url));
    }

    /**
     * The embedded database. WRITE_DELAY=10: commits reach the file within 10 ms (H2's default is
     * 500 ms), so a killed process loses at most the last few milliseconds of commits. Not 0: with 0,
     * H2's MVStore has no background writer, and that thread is the only one that rewrites (compacts)
     * partly used chunks; every commit then leaves a new chunk behind and the file grows without
     * bound (2.3 GB after 100,000 small transactions, 16 GB under the 10,000-instance benchmark; with
     * 10 ms, 79 MB after 200,000; see docs/architecture.md, "The embedded database's size").
     * RETENTION_TIME stays at H2's 45 s. With 2 s the file stayed a quarter of the size under heavy
     * churn, but H2 then read a page from a chunk it had already reused: on WildFly a commit failed with
     * "map with id 109 is missing", and in CI every later request of the deployment failed. H2 reuses
     * freed space only after its own margin (docs/architecture.md).
     */
    static String defaultUrl(Config config) {
        Path dir = DataDirectory.prepared(config);
        return "jdbc:h2:file:" + dir.resolve("changewire").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=10";
    }

    static Driver driverFor(String url) throws SQLException {
        if (url.startsWith("jdbc:postgresql:")) {
            return new org.postgresql.Driver();
        }
        if (url.startsWith("jdbc:h2:")) {
            return new org.h2.Driver();
        }
        throw new SQLException("changewire.db.url must start with jdbc:postgresql: or jdbc:h2:, got " + url);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
