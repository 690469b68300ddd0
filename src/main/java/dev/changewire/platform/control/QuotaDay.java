package dev.changewire.platform.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The day a provider's daily quota is counted in. Constant Contact's is the UTC day: its quota renews
 * at 00:00 UTC. Tests and demonstrations shorten it to whole minutes that divide a day (Changewire's
 * {@code changewire.constantcontact.quota-day} and the sandbox's {@code changewire.sandbox.quota-day},
 * which must match), so that a day's quota is lived through in minutes. Such days start at multiples of
 * their length since 00:00 UTC, so they tile the UTC day and the last one ends at midnight.
 */
public record QuotaDay(Duration length) {

    /** Constant Contact's: from 00:00 UTC to 00:00 UTC. */
    public static final QuotaDay UTC = new QuotaDay(Duration.ofDays(1));

    public QuotaDay {
        if (!dividesADay(length)) {
            throw new IllegalArgumentException("a quota day must be whole minutes that divide a day (PT1M to P1D, e.g. PT10M), not " + length);
        }
    }

    /** The quota day configured under {@code key}, or the UTC day; an invalid one names the key. */
    public static QuotaDay of(String key, Duration configured) {
        if (configured == null) {
            return UTC;
        }
        try {
            return new QuotaDay(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    static boolean dividesADay(Duration length) {
        Duration day = Duration.ofDays(1);
        return length != null && length.toNanosPart() == 0 && length.toSeconds() % 60 == 0 && length.toMinutes() >= 1
                && length.compareTo(day) <= 0 && day.toMinutes() % length.toMinutes() == 0;
    }

    public boolean shortened() {
        return !equals(UTC);
    }

    /** When the day that {@code now} falls in began. */
    public Instant starts(Instant now) {
        long seconds = length.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds);
    }

    /** When the day that {@code now} falls in ends and the quota renews: for Constant Contact's, the next 00:00 UTC. */
    public Instant ends(Instant now) {
        return starts(now).plus(length);
    }
}
