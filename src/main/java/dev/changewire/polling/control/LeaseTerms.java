package dev.changewire.polling.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The instants a poll-lease claim is made with. The claim is one conditional UPDATE of the instance's
 * poll_state row ({@link PollLease}), which succeeds only when
 * <ul>
 * <li>no lease is held, or the one held has expired ({@code lease_until < now}): a crashed node's lease
 *     lapses after {@code changewire.poller.lease};</li>
 * <li>the instance is not paused ({@code paused_until} null or passed);</li>
 * <li>for a scheduled run, its slot is due: {@code next_due} is null, or not after {@code now + slack}
 *     (timers fire a little early or late), or after the slot following this one (the interval was
 *     shortened). The claim sets {@code next_due} to the slot after this one, so when every node's
 *     timer fires for the same slot, only the first one polls.</li>
 * </ul>
 * See {@link #claimable} for the same rule as a predicate.
 *
 * @param now        when the claim is made
 * @param leaseUntil until when the lease is held unless extended
 * @param slot       the schedule slot a scheduled run serves (null for a run asked for by hand)
 * @param nextDue    the slot after it (null for a run asked for by hand: it leaves the schedule alone)
 * @param dueBy      {@code now + slack}: a stored next_due not after this is due (null for a run asked for by hand)
 */
public record LeaseTerms(Instant now, Instant leaseUntil, Instant slot, Instant nextDue, Instant dueBy) {

    public LeaseTerms {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
    }

    /**
     * Terms of a timer's run. Timers may fire a little early or late: the slot is the latest one at or
     * before {@code now + slack}, slack being a quarter of the interval but at most 5 seconds.
     */
    public static LeaseTerms scheduled(String instanceId, Duration interval, Instant now, Duration lease) {
        Instant dueBy = now.plus(slack(interval));
        Instant slot = ScheduleSpread.latestDue(instanceId, interval, dueBy);
        return new LeaseTerms(now, now.plus(lease), slot, slot.plus(interval), dueBy);
    }

    /** Terms of a run asked for by hand: no slot, the schedule stays as it is. */
    public static LeaseTerms manual(Instant now, Duration lease) {
        return new LeaseTerms(now, now.plus(lease), null, null, null);
    }

    public boolean isScheduled() {
        return slot != null;
    }

    /** How late the scheduled run starts: now minus its slot, never negative. */
    public Duration lag() {
        if (slot == null || now.isBefore(slot)) {
            return Duration.ZERO;
        }
        return Duration.between(slot, now);
    }

    /** The claim's condition over a poll_state row's values (null meaning SQL NULL). */
    public boolean claimable(Instant currentLeaseUntil, Instant pausedUntil, Instant currentNextDue) {
        boolean leaseFree = currentLeaseUntil == null || currentLeaseUntil.isBefore(now);
        boolean notPaused = pausedUntil == null || !pausedUntil.isAfter(now);
        boolean due = !isScheduled() || currentNextDue == null || !currentNextDue.isAfter(dueBy) || currentNextDue.isAfter(nextDue);
        return leaseFree && notPaused && due;
    }

    static Duration slack(Duration interval) {
        Duration quarter = interval.dividedBy(4);
        Duration max = Duration.ofSeconds(5);
        return quarter.compareTo(max) > 0 ? max : quarter;
    }
}
