package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.SandboxSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The sandbox is a demo and test tool: one flag must not put it beside real tenants. With PostgreSQL
 * (the production database) it refuses to start unless {@code changewire.sandbox.allow-postgresql=true}
 * says so explicitly too; whenever it is on, the log says so with a WARNING.
 */
@Singleton
@Startup
public class SandboxStartupCheck {

    private static final Logger LOG = Logger.getLogger(SandboxStartupCheck.class.getName());
    static final String ALLOW_POSTGRESQL = "changewire.sandbox.allow-postgresql";

    @Inject
    SandboxSettings settings;

    @Inject
    Config config;

    @PostConstruct
    void check() {
        if (!settings.enabled()) {
            return;
        }
        boolean postgres = config.getOptionalValue("changewire.db.url", String.class).orElse("").startsWith("jdbc:postgresql:");
        if (postgres && !config.getOptionalValue(ALLOW_POSTGRESQL, Boolean.class).orElse(false)) {
            throw new IllegalStateException("changewire.sandbox.enabled=true on PostgreSQL (changewire.db.url): the Constant Contact "
                    + "sandbox is for demos and tests, not beside production tenants. Switch it off, or also set "
                    + ALLOW_POSTGRESQL + "=true for a throw-away database");
        }
        LOG.warning("The Constant Contact SANDBOX is ON (changewire.sandbox.enabled=true): a simulator at /sandbox/constantcontact "
                + "approves every authorization; never use this server for real accounts"
                + (settings.adminSecret().isEmpty() ? "" : ". Its admin calls are open to whoever holds changewire.sandbox.admin-secret")
                // read here so that a wrong length stops the start, not the first API call
                + (settings.quotaDay().shortened() ? ". Its daily quotas renew every " + settings.quotaDay().length() + " (changewire.sandbox.quota-day)" : ""));
    }
}
