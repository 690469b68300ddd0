package dev.changewire.sandbox.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One client's V3 traffic, counted per wall-clock (epoch) second and per UTC day, as Constant
 * Contact limits it. Only served requests count against the limits; refused ones are tallied
 * apart. Synchronized: the check and the count are one step, so concurrent requests cannot
 * together exceed a limit.
 */
public final class TrafficCounter {

    public enum Verdict { SERVED, THROTTLED, QUOTA_EXCEEDED }

    public record Snapshot(long served, long throttled, long quotaExceeded, int maxPerSecond, int servedToday) {
    }

    private long second = Long.MIN_VALUE;
    private int servedThisSecond;
    private LocalDate day;
    private int servedToday;
    private long served;
    private long throttled;
    private long quotaExceeded;
    private int maxPerSecond;

    public synchronized Verdict admit(Instant now, int perSecond, int perDay) {
        long epochSecond = now.getEpochSecond();
        if (epochSecond != second) {
            second = epochSecond;
            servedThisSecond = 0;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            servedToday = 0;
        }
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

    public synchronized void resetDay() {
        servedToday = 0;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(served, throttled, quotaExceeded, maxPerSecond, servedToday);
    }
}
