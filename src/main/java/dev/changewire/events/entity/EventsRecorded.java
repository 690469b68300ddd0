package dev.changewire.events.entity;

import java.util.List;

/**
 * Fired (synchronously, inside the poll page's transaction) when events were recorded, so that
 * observers with {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} act only once they are
 * committed.
 */
public record EventsRecorded(long instanceId, String objectType, List<Long> eventIds) {
}
