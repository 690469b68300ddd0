package dev.changewire.sandbox.control;

import dev.changewire.platform.control.QuotaDay;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One client's V3 traffic, counted per wall-clock (epoch) second and per quota day (the UTC day, as
 * Constant Contact limits it, or a shortened {@link QuotaDay}). Only served requests count against the
 * limits; refused ones are tallied apart. The last {@link #DAYS_KEPT} finished days' counts are kept, so
 * a test can check every day of a run against its budget. Synchronized: the check and the count are one
 * step, so concurrent requests cannot together exceed a limit.
 */
public final class TrafficCounter {

    public enum Verdict { SERVED, THROTTLED, QUOTA_EXCEEDED }

    static final int DAYS_KEPT = 30;

    /** A finished day: when it began and how many requests it served. */
    public record DayCount(Instant started, int served) {
    }

    public record Snapshot(long served, long throttled, long quotaExceeded, int maxPerSecond, int servedToday, Instant dayStarted,
                           List<DayCount> earlierDays) {

        static final Snapshot NONE = new Snapshot(0, 0, 0, 0, 0, null, List.of());
    }

    private final QuotaDay quotaDay;
    private long second = Long.MIN_VALUE;
    private int servedThisSecond;
    private Instant day;
    private int servedToday;
    private final Deque<DayCount> earlierDays = new ArrayDeque<>();
    private long served;
    private long throttled;
    private long quotaExceeded;
    private int maxPerSecond;

    public TrafficCounter(QuotaDay quotaDay) {
        this.quotaDay = quotaDay;
    }

    public synchronized Verdict admit(Instant now, int perSecond, int perDay) {
        long epochSecond = now.getEpochSecond();
        if (epochSecond != second) {
            second = epochSecond;
            servedThisSecond = 0;
        }
        roll(now);
        if (servedToday >= perDay) {
            quotaExceeded++;
            return Verdict.QUOTA_EXCEEDED;
        }
        if (servedThisSecond >= perSecond) {
            throttled++;
            return Verdict.THROTTLED;
        }
        servedThisSecond++;
        servedToday++;
        served++;
        maxPerSecond = Math.max(maxPerSecond, servedThisSecond);
        return Verdict.SERVED;
    }

    /** Closes the current day once {@code now} is past it (days without a request are not listed). */
    private void roll(Instant now) {
        Instant today = quotaDay.starts(now);
        if (today.equals(day)) {
            return;
        }
        if (day != null) {
            earlierDays.addFirst(new DayCount(day, servedToday));
            while (earlierDays.size() > DAYS_KEPT) {
                earlierDays.removeLast();
            }
        }
        day = today;
        servedToday = 0;
    }

    public synchronized void resetDay() {
        servedToday = 0;
    }

    /** The counts as of {@code now}: a day that has ended is among the earlier days, not today's. */
    public synchronized Snapshot snapshot(Instant now) {
        if (day != null) {
            roll(now);
        }
        return new Snapshot(served, throttled, quotaExceeded, maxPerSecond, servedToday, day, List.copyOf(earlierDays));
    }
}
