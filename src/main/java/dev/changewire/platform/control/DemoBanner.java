package dev.changewire.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Tells a new user how to call the API once the demo (`mvn -Prun`) is up. Only with
 * {@code changewire.demo.banner=true}, which the run command sets together with its public demo
 * secrets; a production server never prints secrets.
 */
@Singleton
@Startup
@DependsOn("Bootstrap")
public class DemoBanner {

    private static final Logger LOG = Logger.getLogger(DemoBanner.class.getName());

    @Inject
    Config config;

    @PostConstruct
    void print() {
        if (!config.getOptionalValue("changewire.demo.banner", Boolean.class).orElse(false)) {
            return;
        }
        String sandbox = config.getOptionalValue("changewire.sandbox.url", String.class).orElse("http://127.0.0.1:8080/sandbox/constantcontact");
        String base = sandbox.replaceFirst("/sandbox/constantcontact/?$", "");
        String auth = "User " + config.getOptionalValue("changewire.bootstrap.user-secret", String.class).orElse("<user secret>")
                + ", Organization " + config.getOptionalValue("changewire.bootstrap.organization-secret", String.class).orElse("<organization secret>");
        LOG.info(String.join("\n",
                "",
                "==================================================================================",
                " Changewire demo is up on " + base + " (embedded H2 in ./data, Constant Contact sandbox on)",
                " Call the API with the demo secrets:",
                "   export CW_AUTH='" + auth + "'",
                "   curl -H \"Authorization: $CW_AUTH\" " + base + "/elements/api-v2/instances",
                " Connect a sandbox Constant Contact account (README, 'Quick start'):",
                "   curl -H \"Authorization: $CW_AUTH\" '" + base + "/elements/api-v2/elements/constantcontact/oauth/url"
                        + "?apiKey=demo-client&callbackUrl=" + base + "/oauth/callback&state=demo'",
                " Health: " + base + "/health   Metrics: " + base + "/metrics",
                "=================================================================================="));
    }
}
