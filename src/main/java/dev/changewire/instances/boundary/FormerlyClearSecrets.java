package dev.changewire.instances.boundary;

import dev.changewire.instances.control.Instances;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;

/**
 * At startup, encrypts configuration values that became secrets after they were stored (callback
 * headers carry the receiver's credentials): from then on they are read only through the cipher.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class FormerlyClearSecrets {

    private static final Logger LOG = Logger.getLogger(FormerlyClearSecrets.class.getName());

    @EJB
    Instances instances;

    @PostConstruct
    void encrypt() {
        int count = instances.encryptFormerlyClearSecrets();
        if (count > 0) {
            LOG.info(() -> "Encrypted " + count + " configuration value(s) stored in clear by an earlier version");
        }
    }
}
