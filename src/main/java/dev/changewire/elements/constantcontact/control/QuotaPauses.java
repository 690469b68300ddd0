package dev.changewire.elements.constantcontact.control;

import dev.changewire.elements.constantcontact.entity.QuotaPause;
import dev.changewire.platform.control.SecretDigest;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * Client credentials whose daily quota is spent, in the database so every node and every instance of
 * the app sees the pause (and a restart keeps it). Stored by {@link ClientCredentials#budgetKey}: the
 * SHA-256 of client id and secret, so a wrong secret never pauses the real app's instances.
 */
@Stateless
public class QuotaPauses {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretDigest digest;

    /** When the app's pause ends, if it is paused now. */
    public Optional<Instant> pausedUntil(ClientCredentials client) {
        if (!client.complete()) {
            return Optional.empty();
        }
        QuotaPause pause = em.find(QuotaPause.class, client.budgetKey(digest));
        Instant now = Instant.now();
        return pause == null || !pause.getPausedUntil().isAfter(now) ? Optional.empty() : Optional.of(pause.getPausedUntil());
    }

    /** Pauses the app until {@code until} (a later pause already stored wins); committed at once, whatever the caller does next. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void pause(ClientCredentials client, Instant until, String reason) {
        String hash = client.budgetKey(digest);
        QuotaPause pause = em.find(QuotaPause.class, hash);
        if (pause == null) {
            em.persist(new QuotaPause(hash, until, reason));
        } else {
            pause.extend(until, reason);
        }
    }
}
