package dev.changewire.polling.control;

import java.time.Duration;

/**
 * How many records one complete sweep may take for deleted by their absence. A listing that comes back
 * empty or cut short without an error (a provider fault, a permission lost on the provider's side) must
 * not report an account's records deleted: past these bounds the sweep records no DELETED and says so.
 *
 * @param maxGoneFraction the share of the records known to exist that may be gone at once (0 to 1)
 * @param alwaysAllowed   how many may be gone whatever the share (a small resource losing a few)
 * @param maxGonePerPass  how many one pass records at most (one transaction)
 * @param clockSkew       how far apart the nodes' clocks may be: a record seen this long before the pass
 *                        started (by another node's poll, say) counts as seen in it, and is found gone
 *                        one pass later if it is
 */
public record SweepBounds(double maxGoneFraction, int alwaysAllowed, int maxGonePerPass, Duration clockSkew) {

    public SweepBounds {
        if (maxGoneFraction < 0 || maxGoneFraction > 1) {
            throw new IllegalArgumentException("maxGoneFraction must be between 0 and 1, got " + maxGoneFraction);
        }
        if (alwaysAllowed < 0 || maxGonePerPass < 1) {
            throw new IllegalArgumentException("alwaysAllowed must be at least 0 and maxGonePerPass at least 1");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must be a duration of at least zero, got " + clockSkew);
        }
    }

    public boolean allows(long gone, long present) {
        return gone <= alwaysAllowed || gone <= maxGoneFraction * present;
    }

    public String describe() {
        return alwaysAllowed + ", or " + Math.round(maxGoneFraction * 100) + "% of them, up to " + maxGonePerPass;
    }
}
