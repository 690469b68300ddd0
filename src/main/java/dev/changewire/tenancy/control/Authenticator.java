package dev.changewire.tenancy.control;

import dev.changewire.platform.control.SecretDigest;
import dev.changewire.tenancy.entity.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import dev.changewire.tenancy.entity.Role;

/** Resolves the secrets of an Authorization header to a user of an organization. */
@Stateless
public class Authenticator {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretDigest digest;

    public record Principal(long userId, long organizationId, Role role, boolean bootstrapOrganization) {
    }

    public Optional<Principal> authenticate(AuthorizationHeader header) {
        Optional<User> user = em.createNamedQuery(User.BY_SECRET_HASH, User.class)
                .setParameter("hash", digest.digest(header.userSecret()))
                .getResultStream().findFirst();
        if (user.isEmpty()) {
            return Optional.empty();
        }
        User u = user.get();
        if (!digest.matches(header.organizationSecret(), u.getOrganization().getSecretHash())) {
            return Optional.empty();
        }
        return Optional.of(new Principal(u.getId(), u.getOrganization().getId(), u.getRole(), u.getOrganization().isBootstrap()));
    }
}
