package dev.changewire.instances.control;

/**
 * Fired inside the transaction that changed an instance; observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} to act only on what committed. An event the
 * components above observe, not a stored thing: it lives in control, where other components may use it.
 */
public record InstanceChanged(long instanceId, long organizationId, Kind kind) {

    public enum Kind {
        CREATED, UPDATED, ENABLED, DISABLED, DELETED
    }
}
