package dev.changewire.events.entity;

/**
 * Fired (synchronously, inside the poll page's transaction) when events were recorded, so that
 * observers with {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} act only once they are
 * committed. It names only the instance: the dispatch that follows takes the instance's oldest NEW
 * events, whichever page recorded them.
 */
public record EventsRecorded(long instanceId) {
}
