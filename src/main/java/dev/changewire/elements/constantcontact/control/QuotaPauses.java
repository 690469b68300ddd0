package dev.changewire.elements.constantcontact.control;

import dev.changewire.elements.constantcontact.entity.QuotaPause;
import dev.changewire.tenancy.control.SecretDigest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * API keys whose daily quota is spent, in the database so every node and every instance of the key
 * sees the pause (and a restart keeps it). Keys are stored as their SHA-256.
 */
@Stateless
public class QuotaPauses {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretDigest digest;

    /** When the key's pause ends, if it is paused now. */
    public Optional<Instant> pausedUntil(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        QuotaPause pause = em.find(QuotaPause.class, digest.digest(apiKey));
        Instant now = Instant.now();
        return pause == null || !pause.getPausedUntil().isAfter(now) ? Optional.empty() : Optional.of(pause.getPausedUntil());
    }

    /** Pauses the key until {@code until} (a later pause already stored wins); committed at once, whatever the caller does next. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void pause(String apiKey, Instant until, String reason) {
        String hash = digest.digest(apiKey);
        QuotaPause pause = em.find(QuotaPause.class, hash);
        if (pause == null) {
            em.persist(new QuotaPause(hash, until, reason));
        } else {
            pause.extend(until, reason);
        }
    }
}
