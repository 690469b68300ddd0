package dev.changewire.instances.control;

import dev.changewire.instances.entity.Instance;
import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * "This organization owns that instance": the one check every boundary under {@code instances/{id}/...}
 * makes before it reads or changes anything. An instance of another organization does not exist (404,
 * the same answer as an unknown id, so ids cannot be probed across tenants). It reads the instance's
 * owner and nothing else: no entity loaded, no secret decrypted.
 */
@ApplicationScoped
public class InstanceOwnership {

    @PersistenceContext
    EntityManager em;

    /**
     * The instance id a path names, when the organization owns that instance.
     *
     * @throws ApiException 404 naming the id as given (abbreviated) when it is not a number, not an
     *                      instance, or another organization's
     */
    public long owned(long organizationId, String pathId) {
        long instanceId;
        try {
            instanceId = Long.parseLong(pathId.trim());
        } catch (NumberFormatException e) {
            throw notFound(pathId);
        }
        if (!owns(organizationId, instanceId)) {
            throw notFound(pathId);
        }
        return instanceId;
    }

    private boolean owns(long organizationId, long instanceId) {
        return !em.createQuery("SELECT i.id FROM Instance i WHERE i.id = :id AND i.organizationId = :organization", Long.class)
                .setParameter("id", instanceId).setParameter("organization", organizationId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private static ApiException notFound(String pathId) {
        return ApiException.notFound("Element instance " + Abbreviation.of(pathId) + " does not exist");
    }
}
