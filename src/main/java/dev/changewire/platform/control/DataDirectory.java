package dev.changewire.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * Where the embedded database and the generated secrets key live ({@code changewire.data-dir}, default
 * {@code ./data}). The directory is the owner's alone ({@code rwx------}) and so are its files: the
 * database holds every tenant's data, the key decrypts their secrets, and a umask of 022 would
 * otherwise leave both readable by every local user.
 */
public final class DataDirectory {

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    public static Path of(Config config) {
        return Path.of(config.getOptionalValue("changewire.data-dir", String.class).orElse("data")).toAbsolutePath();
    }

    /** The directory, created owner-only (or made so), with what it holds closed to group and others. */
    public static Path prepared(Config config) {
        Path dir = of(config);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                return dir; // not a POSIX file system: its own access control applies
            }
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                    if (permissions.removeAll(GROUP_OR_OTHERS)) {
                        Files.setPosixFilePermissions(file, permissions);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + dir, e);
        }
    }
}
