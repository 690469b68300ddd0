package dev.changewire.tenancy.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The configured {@code changewire.bootstrap.*-secret} values, refused at startup when they are weak:
 * shorter than {@value #MIN_LENGTH} characters, or one of the demo's secrets, which README and the run
 * command publish, unless the demo is on ({@code changewire.demo.banner=true}).
 */
@ApplicationScoped
public class BootstrapSecrets {

    static final int MIN_LENGTH = 32;
    static final String ORGANIZATION_KEY = "changewire.bootstrap.organization-secret";
    static final String USER_KEY = "changewire.bootstrap.user-secret";
    /** The secrets of {@code mvn -Prun} (pom.xml) and README: known to everyone. */
    static final Set<String> PUBLIC_DEMO_SECRETS = Set.of(
            "demo-user-secret-0123456789abcdefghij",
            "demo-organization-secret-0123456789abcdef");

    @Inject
    Config config;

    public Optional<String> organizationSecret() {
        return configured(ORGANIZATION_KEY);
    }

    public Optional<String> userSecret() {
        return configured(USER_KEY);
    }

    /** Fails the start when a configured secret is weak; the message names the key, never the value. */
    public void requireStrong() {
        organizationSecret();
        userSecret();
    }

    private Optional<String> configured(String key) {
        Optional<String> value = config.getOptionalValue(key, String.class).filter(s -> !s.isBlank());
        value.ifPresent(v -> check(key, v, config.getOptionalValue("changewire.demo.banner", Boolean.class).orElse(false)));
        return value;
    }

    static void check(String key, String value, boolean demo) {
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException(key + " is " + value.length() + " characters long; at least " + MIN_LENGTH
                    + " are required (or leave it unset to have a random one generated)");
        }
        if (!demo && PUBLIC_DEMO_SECRETS.contains(value)) {
            throw new IllegalStateException(key + " is one of the published demo secrets; it is accepted only with "
                    + "changewire.demo.banner=true (the demo). Set your own, or leave it unset to have a random one generated");
        }
    }
}
