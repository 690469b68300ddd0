package dev.changewire.elements.constantcontact.control;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rotated tokens of the last refresh of each instance, written in a transaction of their own the
 * moment Constant Contact hands them out. A token exchange cannot be undone at the provider: once it
 * answered, the old refresh token is spent. The refresh's own transaction (which holds the token row's
 * lock) may still roll back — a node stopping, an application being undeployed, "Managed Connection is
 * not valid" — and then the row keeps the spent token. {@link AccessTokens} therefore reads this journal
 * before trusting the row: an entry newer than the row is the token to use, and is moved into the row
 * by the next refresh. Native SQL (epoch milliseconds), so no persistence cache sits between the
 * separately committed writes and the reads.
 */
@Stateless
public class TokenJournal {

    /** Encrypted, as in {@code instance_provider_token}. */
    public record Rotation(String accessTokenEncrypted, String refreshTokenEncrypted, Instant expiresAt, String scope, Instant rotatedAt) {
    }

    @PersistenceContext
    EntityManager em;

    /** Commits at once, whatever happens to the caller's transaction afterwards. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(long instanceId, Rotation rotation) {
        int updated = em.createNativeQuery("UPDATE constantcontact_token_rotation SET access_token = ?1, refresh_token = ?2,"
                        + " expires_at_ms = ?3, scope = ?4, rotated_at_ms = ?5 WHERE instance_id = ?6")
                .setParameter(1, rotation.accessTokenEncrypted())
                .setParameter(2, rotation.refreshTokenEncrypted())
                .setParameter(3, millis(rotation.expiresAt()))
                .setParameter(4, text(rotation.scope()))
                .setParameter(5, rotation.rotatedAt().toEpochMilli())
                .setParameter(6, instanceId)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO constantcontact_token_rotation (instance_id, access_token, refresh_token, expires_at_ms,"
                            + " scope, rotated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, instanceId)
                    .setParameter(2, rotation.accessTokenEncrypted())
                    .setParameter(3, rotation.refreshTokenEncrypted())
                    .setParameter(4, millis(rotation.expiresAt()))
                    .setParameter(5, text(rotation.scope()))
                    .setParameter(6, rotation.rotatedAt().toEpochMilli())
                    .executeUpdate();
        }
    }

    /** The journal's entry when it is newer than what the token row holds (the row's update was lost). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Rotation> newerThan(long instanceId, Instant rowUpdatedAt) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT access_token, refresh_token, expires_at_ms, scope, rotated_at_ms"
                        + " FROM constantcontact_token_rotation WHERE instance_id = ?1")
                .setParameter(1, instanceId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        Instant rotatedAt = Instant.ofEpochMilli(((Number) row[4]).longValue());
        if (rowUpdatedAt != null && !rotatedAt.isAfter(rowUpdatedAt)) {
            return Optional.empty();
        }
        long expires = row[2] == null ? 0 : ((Number) row[2]).longValue();
        String scope = (String) row[3];
        return Optional.of(new Rotation((String) row[0], (String) row[1], expires == 0 ? null : Instant.ofEpochMilli(expires),
                scope == null || scope.isEmpty() ? null : scope, rotatedAt));
    }

    // no NULL binds: PostgreSQL cannot always type an untyped NULL parameter; 0 and "" stand for unknown
    private static long millis(Instant at) {
        return at == null ? 0 : at.toEpochMilli();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** Drops the entry once the row holds it (in the caller's transaction: if that rolls back, the entry stays). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void forget(long instanceId) {
        em.createNativeQuery("DELETE FROM constantcontact_token_rotation WHERE instance_id = ?1").setParameter(1, instanceId).executeUpdate();
    }
}
