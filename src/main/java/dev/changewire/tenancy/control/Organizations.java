package dev.changewire.tenancy.control;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretDigest;
import dev.changewire.platform.control.SecretGenerator;
import dev.changewire.tenancy.entity.Organization;
import dev.changewire.tenancy.entity.Role;
import dev.changewire.tenancy.entity.User;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.regex.Pattern;

/** Creates organizations and manages their users; every secret is returned once, then kept only as a digest. */
@Stateless
public class Organizations {

    static final int MAX_NAME = 255;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

    @PersistenceContext
    EntityManager em;

    @Inject
    OrganizationLimits limits;

    @Inject
    SecretDigest digest;

    @Inject
    SecretGenerator generator;

    public record NewUser(User user, String secret) {
    }

    public record NewOrganization(Organization organization, String secret, NewUser admin) {
    }

    public record UserDetails(String emailAddress, String firstName, String lastName, Role role) {
    }

    public NewOrganization create(String name, UserDetails adminDetails) {
        return create(name, generator.newSecret(), adminDetails, generator.newSecret(), false);
    }

    public NewOrganization create(String name, String organizationSecret, UserDetails adminDetails, String userSecret, boolean bootstrap) {
        requireName(name);
        Organization organization = new Organization(name.trim(), digest.digest(organizationSecret), bootstrap);
        em.persist(organization);
        NewUser admin = addUser(organization, adminDetails, userSecret);
        return new NewOrganization(organization, organizationSecret, admin);
    }

    public List<User> users(long organizationId) {
        return em.createNamedQuery(User.OF_ORGANIZATION, User.class)
                .setParameter("organizationId", organizationId)
                .getResultList();
    }

    public NewUser addUser(long organizationId, UserDetails details) {
        // locked: count-then-insert stays within the limit between concurrent additions
        Organization organization = em.find(Organization.class, organizationId, LockModeType.PESSIMISTIC_WRITE);
        if (organization == null) {
            throw ApiException.notFound("Organization " + organizationId + " does not exist");
        }
        limits.requireRoomForUser(users(organizationId).size());
        return addUser(organization, details, generator.newSecret());
    }

    private NewUser addUser(Organization organization, UserDetails details, String secret) {
        validate(details);
        boolean taken = users(organization.getId() == null ? -1 : organization.getId()).stream()
                .anyMatch(u -> u.getEmailAddress().equalsIgnoreCase(details.emailAddress()));
        if (taken) {
            throw ApiException.conflict("emailAddress " + details.emailAddress() + " is already a user of this organization");
        }
        User user = new User(organization, details.emailAddress().trim(), details.firstName(), details.lastName(),
                details.role() == null ? Role.USER : details.role(), digest.digest(secret));
        em.persist(user);
        em.flush();
        return new NewUser(user, secret);
    }

    public void removeUser(long organizationId, long userId, long callerId) {
        User user = em.find(User.class, userId);
        if (user == null || !user.getOrganization().getId().equals(organizationId)) {
            throw ApiException.notFound("User " + userId + " does not exist");
        }
        if (userId == callerId) {
            throw ApiException.conflict("You cannot remove yourself; ask another admin");
        }
        if (user.getRole() == Role.ADMIN && users(organizationId).stream().filter(u -> u.getRole() == Role.ADMIN).count() <= 1) {
            throw ApiException.conflict("User " + userId + " is the organization's last admin");
        }
        // instances keep their owner (no cascade, no silent re-assignment): the owner goes only once they are gone
        long owned = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM element_instance WHERE owner_user_id = ?")
                .setParameter(1, userId).getSingleResult()).longValue();
        if (owned > 0) {
            throw ApiException.conflict("User " + userId + " owns " + owned + " element instance(s); delete them before removing the user");
        }
        em.remove(user);
        em.flush();
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("name is longer than " + MAX_NAME + " characters");
        }
    }

    static void validate(UserDetails details) {
        if (details.emailAddress() == null || details.emailAddress().isBlank()) {
            throw ApiException.badRequest("emailAddress is required");
        }
        if (!EMAIL.matcher(details.emailAddress().trim()).matches()) {
            throw ApiException.badRequest("emailAddress '" + details.emailAddress() + "' is not an email address");
        }
        if (details.firstName() != null && details.firstName().length() > MAX_NAME) {
            throw ApiException.badRequest("firstName is longer than " + MAX_NAME + " characters");
        }
        if (details.lastName() != null && details.lastName().length() > MAX_NAME) {
            throw ApiException.badRequest("lastName is longer than " + MAX_NAME + " characters");
        }
    }
}
