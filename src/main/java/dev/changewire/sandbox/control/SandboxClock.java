package dev.changewire.sandbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's time: milliseconds, UTC, and strictly increasing across the whole sandbox, so no
 * two writes (and in particular no two updates of one record) get the same timestamp.
 */
@ApplicationScoped
public class SandboxClock {

    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public SandboxClock() {
        this(Clock.systemUTC());
    }

    public SandboxClock(Clock clock) {
        this.clock = clock;
    }

    /** A millisecond instant later than every one handed out before. */
    public Instant next() {
        long now = clock.millis();
        return Instant.ofEpochMilli(last.updateAndGet(previous -> Math.max(previous + 1, now)));
    }

    /**
     * A fresh instant that is also later than {@code previous}, a record's last timestamp (which the
     * admin endpoint may have set ahead of the clock; that must not drag the shared clock along).
     */
    public Instant nextAfter(Instant previous) {
        Instant next = next();
        if (previous == null) {
            return next;
        }
        Instant floor = previous.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        return next.isBefore(floor) ? floor : next;
    }

    public Instant now() {
        return clock.instant();
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
