package dev.changewire.polling.control;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading one date field of a record gave: an instant, nothing (absent, JSON null or blank), or
 * a value that no format could read. Bad data is a result, never an exception.
 *
 * @param outcome which of the three
 * @param instant the instant when PARSED, else null
 * @param text    the raw value when UNPARSEABLE, else null
 * @param problem why it could not be read when UNPARSEABLE, else null
 */
public record DateReading(Outcome outcome, Instant instant, String text, String problem) {

    public enum Outcome { PARSED, MISSING, UNPARSEABLE }

    private static final DateReading MISSING = new DateReading(Outcome.MISSING, null, null, null);

    public DateReading {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static DateReading parsed(Instant instant) {
        return new DateReading(Outcome.PARSED, Objects.requireNonNull(instant, "instant"), null, null);
    }

    public static DateReading missing() {
        return MISSING;
    }

    public static DateReading unparseable(String text, String problem) {
        return new DateReading(Outcome.UNPARSEABLE, null, text, problem);
    }

    public boolean isParsed() {
        return outcome == Outcome.PARSED;
    }

    public boolean isMissing() {
        return outcome == Outcome.MISSING;
    }

    public boolean isUnparseable() {
        return outcome == Outcome.UNPARSEABLE;
    }

    public Optional<Instant> asOptional() {
        return Optional.ofNullable(instant);
    }
}
