package dev.changewire.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void theDirectoryAndItsFilesBecomeTheOwnersAlone() throws Exception {
        Path dir = temp.resolve("data");
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path database = Files.createFile(dir.resolve("changewire.mv.db"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        assertEquals(dir, DataDirectory.prepared(config(dir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(database)));
    }

    @Test
    void aNewDirectoryIsCreatedOwnerOnly() throws Exception {
        Path dir = temp.resolve("new").resolve("data");
        DataDirectory.prepared(config(dir));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    static Config config(Path dir) {
        return (Config) Proxy.newProxyInstance(DataDirectoryTest.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue") && "changewire.data-dir".equals(args[0])) {
                        return Optional.of(dir.toString());
                    }
                    return Optional.empty();
                });
    }
}
