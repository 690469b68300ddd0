package dev.changewire.polling.entity;

/**
 * The provider's daily request budget that an instance's requests draw from (for Constant Contact, its
 * app's: the client id proven by its secret), as the quota planner reads it.
 *
 * @param key        names the budget; instances with the same key share it
 * @param label      what an operator knows the budget by (the client id; never a secret)
 * @param perDay     requests the provider allows per UTC day
 * @param usedToday  requests counted against it since 00:00 UTC, by every node and for every purpose
 */
public record KeyBudget(String key, String label, int perDay, long usedToday) {
}
