package dev.changewire.polling.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * The provider's daily request budget that an instance's requests draw from (for Constant Contact, its
 * app's: the client id proven by its secret), as the quota planner reads it.
 *
 * @param key        names the budget; instances with the same key share it
 * @param label      what an operator knows the budget by (the client id; never a secret)
 * @param perDay     requests the provider allows per day
 * @param usedToday  requests counted against it since its day began, by every node and for every purpose
 * @param dayEnds    when its day ends and the budget renews (for Constant Contact, the next 00:00 UTC)
 * @param day        how long its day lasts (a day, unless shortened for tests)
 */
public record KeyBudget(String key, String label, int perDay, long usedToday, Instant dayEnds, Duration day) {
}
