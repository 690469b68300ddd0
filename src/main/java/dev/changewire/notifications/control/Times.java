package dev.changewire.notifications.control;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as native query parameters (both JDBC drivers take an OffsetDateTime for TIMESTAMP WITH TIME ZONE). */
final class Times {

    private Times() {
    }

    static OffsetDateTime sql(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Now, to the microsecond: what both databases keep, so a value read back compares equal. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
