package dev.changewire.tenancy.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Creates the bootstrap organization at startup, once the schema is migrated. */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @EJB
    BootstrapOrganization bootstrapOrganization;

    @Inject
    BootstrapSecrets secrets;

    @PostConstruct
    void bootstrap() {
        // weak configured secrets stop the start, whether or not the organization exists yet
        secrets.requireStrong();
        try {
            bootstrapOrganization.createIfEmpty();
        } catch (RuntimeException e) {
            // another node starting at the same moment won the race on bootstrap_marker and holds the organization
            LOG.info("Bootstrap organization not created by this node: " + e);
        }
    }
}
