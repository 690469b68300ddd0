package dev.changewire.elements.constantcontact.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Constant Contact's daily quota resets at 00:00 UTC. */
public final class UtcDay {

    private UtcDay() {
    }

    public static Instant nextMidnight(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
