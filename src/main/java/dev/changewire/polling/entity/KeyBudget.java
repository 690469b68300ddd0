package dev.changewire.polling.entity;

import dev.changewire.platform.control.QuotaDay;

/**
 * The provider's daily request budget that an instance's requests draw from (for Constant Contact, its
 * app's: the client id proven by its secret), as the quota planner reads it.
 *
 * @param key        names the budget; instances with the same key share it
 * @param label      what an operator knows the budget by (the client id; never a secret)
 * @param perDay     requests the provider allows per day
 * @param usedToday  requests counted against it since its day began, by every node and for every purpose
 * @param day        the day it is counted in (Constant Contact's ends at 00:00 UTC, unless shortened for tests)
 */
public record KeyBudget(String key, String label, int perDay, long usedToday, QuotaDay day) {
}
