package dev.changewire.tenancy.control;

import dev.changewire.platform.control.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * What one organization may hold, so no tenant can fill the database or make every listing huge:
 * instances and users (409 at the limit) and bytes of configuration per instance and per value
 * (413). Read once at startup from {@code changewire.limits.*}.
 */
@ApplicationScoped
public class OrganizationLimits {

    public static final String INSTANCES_KEY = "changewire.limits.instances-per-organization";
    public static final String USERS_KEY = "changewire.limits.users-per-organization";
    public static final String CONFIGURATION_BYTES_KEY = "changewire.limits.configuration-bytes-per-instance";
    public static final String VALUE_BYTES_KEY = "changewire.limits.configuration-value-bytes";

    static final int DEFAULT_INSTANCES = 100;
    static final int DEFAULT_USERS = 50;
    static final int DEFAULT_CONFIGURATION_BYTES = 32 * 1024;
    static final int DEFAULT_VALUE_BYTES = 16 * 1024;

    @Inject
    Config config;

    private int instances;
    private int users;
    private int configurationBytes;
    private int valueBytes;

    @PostConstruct
    void read() {
        instances = positive(INSTANCES_KEY, DEFAULT_INSTANCES);
        users = positive(USERS_KEY, DEFAULT_USERS);
        configurationBytes = positive(CONFIGURATION_BYTES_KEY, DEFAULT_CONFIGURATION_BYTES);
        valueBytes = positive(VALUE_BYTES_KEY, DEFAULT_VALUE_BYTES);
    }

    private int positive(String key, int fallback) {
        int value = config.getOptionalValue(key, Integer.class).orElse(fallback);
        if (value < 1) {
            throw new IllegalStateException(key + " must be at least 1, got " + value);
        }
        return value;
    }

    /** Called with the organization locked, before one more instance is inserted. */
    public void requireRoomForInstance(long existing) {
        if (existing >= instances) {
            throw ApiException.conflict("The organization already has " + existing + " element instances, the most it may have ("
                    + INSTANCES_KEY + "); delete one first");
        }
    }

    /** Called with the organization locked, before one more user is inserted. */
    public void requireRoomForUser(long existing) {
        if (existing >= users) {
            throw ApiException.conflict("The organization already has " + existing + " users, the most it may have ("
                    + USERS_KEY + "); remove one first");
        }
    }

    /** The configuration as it would be stored: each value and the whole (keys and values, UTF-8) within the limits. */
    public void requireConfigurationSize(Map<String, String> configuration) {
        long total = 0;
        for (Map.Entry<String, String> e : configuration.entrySet()) {
            int value = e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (value > valueBytes) {
                throw new ApiException(413, "configuration." + e.getKey() + " is " + value + " bytes; a value may have at most "
                        + valueBytes + " (" + VALUE_BYTES_KEY + ")");
            }
            total += value + e.getKey().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > configurationBytes) {
            throw new ApiException(413, "The configuration is " + total + " bytes; an instance may have at most "
                    + configurationBytes + " (" + CONFIGURATION_BYTES_KEY + ")");
        }
    }
}
