package dev.changewire.instances.entity;

/**
 * Fired inside the transaction that changed an instance; observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to act only on what committed.
 */
public record InstanceChanged(long instanceId, long organizationId, Kind kind) {

    public enum Kind {
        CREATED, UPDATED, ENABLED, DISABLED, DELETED
    }
}
