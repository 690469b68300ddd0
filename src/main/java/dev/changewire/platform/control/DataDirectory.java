package dev.changewire.platform.control;

import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;

/** Where the embedded database and the generated secrets key live ({@code changewire.data-dir}, default {@code ./data}). */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static Path of(Config config) {
        return Path.of(config.getOptionalValue("changewire.data-dir", String.class).orElse("data")).toAbsolutePath();
    }
}
