package dev.changewire.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * The AES-256 key that encrypts secrets at rest: {@code changewire.secrets.key} (base64), or, for the
 * embedded database only, a key generated once into the data directory. Nodes sharing a PostgreSQL
 * database must share the key, so there it is required.
 */
@ApplicationScoped
public class SecretsKey {

    private static final Logger LOG = Logger.getLogger(SecretsKey.class.getName());
    static final String KEY = "changewire.secrets.key";

    @Inject
    Config config;

    private SecretKey key;

    @PostConstruct
    void load() {
        Optional<String> configured = config.getOptionalValue(KEY, String.class).filter(v -> !v.isBlank());
        byte[] bytes;
        if (configured.isPresent()) {
            bytes = decode(configured.get(), KEY);
        } else {
            String url = config.getOptionalValue("changewire.db.url", String.class).orElse("");
            if (url.startsWith("jdbc:postgresql:")) {
                throw new IllegalStateException(KEY + " must be set when the database is PostgreSQL: every node "
                        + "must encrypt with the same key (generate one with: openssl rand -base64 32)");
            }
            bytes = fromFile(DataDirectory.prepared(config).resolve("secrets.key"));
        }
        key = new SecretKeySpec(bytes, "AES");
    }

    /**
     * Loads the key as the application starts (delivering the event creates the bean): a PostgreSQL node
     * without {@code changewire.secrets.key} fails its deployment with the reason, instead of starting and
     * answering 500 to the first request that reads or writes a secret.
     */
    void loadAtStartup(@Observes Startup startup) {
        // nothing more: load() ran when the container created this bean to deliver the event
    }

    public SecretKey key() {
        return key;
    }

    static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must decode to 32 bytes (AES-256), got " + bytes.length);
        }
        return bytes;
    }

    private static byte[] fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            // created owner-only before a byte is written: no moment in which another user could read the key
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file); // not a POSIX file system: the directory's own access control applies
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.warning(() -> KEY + " is not set: generated a key into " + file + ". Back it up with the database, "
                    + "or set " + KEY + " (CHANGEWIRE_SECRETS_KEY) before going to production.");
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key " + file, e);
        }
    }
}
