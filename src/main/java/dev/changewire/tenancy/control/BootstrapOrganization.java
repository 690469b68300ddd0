package dev.changewire.tenancy.control;

import dev.changewire.platform.control.SecretGenerator;
import dev.changewire.tenancy.entity.Organization;
import dev.changewire.tenancy.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import java.sql.Timestamp;

/**
 * On a new database, creates organization {@code default} with an admin user, from
 * {@code changewire.bootstrap.*} or with random secrets printed once to the log.
 */
@Stateless
public class BootstrapOrganization {

    private static final Logger LOG = Logger.getLogger(BootstrapOrganization.class.getName());

    @Inject
    Config config;

    @Inject
    SecretGenerator generator;

    @Inject
    BootstrapSecrets secrets;

    @EJB
    Organizations organizations;

    @PersistenceContext
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createIfEmpty() {
        long count = em.createNamedQuery(Organization.COUNT, Long.class).getSingleResult();
        if (count > 0) {
            return;
        }
        em.createNativeQuery("INSERT INTO bootstrap_marker (id, created_at) VALUES (1, ?)")
                .setParameter(1, Timestamp.from(Instant.now()))
                .executeUpdate();
        Optional<String> orgSecret = secrets.organizationSecret();
        Optional<String> userSecret = secrets.userSecret();
        String organizationSecret = orgSecret.orElseGet(generator::newSecret);
        String adminSecret = userSecret.orElseGet(generator::newSecret);
        var details = new Organizations.UserDetails(
                config.getOptionalValue("changewire.bootstrap.admin-email", String.class).orElse("admin@changewire.local"),
                config.getOptionalValue("changewire.bootstrap.admin-first-name", String.class).orElse("Changewire"),
                config.getOptionalValue("changewire.bootstrap.admin-last-name", String.class).orElse("Admin"),
                Role.ADMIN);
        var created = organizations.create("default", organizationSecret, details, adminSecret, true);
        StringBuilder message = new StringBuilder("Created organization 'default' (id ").append(created.organization().getId())
                .append(") with admin ").append(details.emailAddress()).append('.');
        if (orgSecret.isEmpty() || userSecret.isEmpty()) {
            // printed once: only digests are stored, so this is the only chance to see them; a configured
            // secret is never logged, only the generated one stands in the header
            message.append(" Save the generated secret").append(orgSecret.isEmpty() && userSecret.isEmpty() ? "s" : "")
                    .append(" now, not shown again:\n    Authorization: User ")
                    .append(userSecret.isEmpty() ? adminSecret : "<" + BootstrapSecrets.USER_KEY + ">")
                    .append(", Organization ")
                    .append(orgSecret.isEmpty() ? organizationSecret : "<" + BootstrapSecrets.ORGANIZATION_KEY + ">");
        } else {
            message.append(" Its secrets are the configured changewire.bootstrap.* values.");
        }
        LOG.warning(message.toString());
    }
}
