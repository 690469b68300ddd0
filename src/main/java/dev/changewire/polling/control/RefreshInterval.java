package dev.changewire.polling.control;

import dev.changewire.instances.control.ConfigurationKeys;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.BoundedDecimal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code event.poller.refresh_interval}: minutes as Cloud Elements took them ({@code "15"}, {@code 15},
 * decimals allowed: {@code 0.5} is 30 s), or an ISO-8601 duration ({@code PT30S}). At most
 * {@link #MAXIMUM} (a week), to the millisecond.
 */
public final class RefreshInterval {

    public static final String KEY = ConfigurationKeys.REFRESH_INTERVAL;
    public static final String MINIMUM_KEY = "changewire.poller.minimum-interval";
    public static final Duration MAXIMUM = Duration.ofDays(7);
    /** The element's default, as Cloud Elements documented it ("15" minutes), registered with the key. */
    public static final Duration DEFAULT = parse(ConfigurationKeys.of(KEY).defaultValue());
    public static final Duration DEFAULT_MINIMUM = Duration.ofMinutes(1);

    private RefreshInterval() {
    }

    /** Parses a configuration value given as a JSON string or number. */
    public static Duration parse(JsonValue value) {
        if (value instanceof JsonNumber n) {
            return parse(n.toString());
        }
        if (value instanceof JsonString s) {
            return parse(s.getString());
        }
        throw new IllegalArgumentException(KEY + " must be a number of minutes or an ISO-8601 duration (e.g. 15 or PT30S), got "
                + (value == null ? "nothing" : Abbreviation.of(value.toString())));
    }

    /** Parses minutes ("15", "0.5") or an ISO-8601 duration ("PT30S"). */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(KEY + " is empty; give a number of minutes or an ISO-8601 duration (e.g. 15 or PT30S)");
        }
        String value = text.strip();
        if (value.toUpperCase(Locale.ROOT).startsWith("P") || value.toUpperCase(Locale.ROOT).startsWith("-P")) {
            Duration duration;
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw garbage(text);
            }
            return checked(duration, value);
        }
        // range-checked before conversion: a huge exponent would cost seconds and gigabytes in setScale
        return fromMinutes(BoundedDecimal.parse(value).orElseThrow(() -> garbage(text)), value);
    }

    /**
     * Refuses an interval below the minimum.
     *
     * @throws IllegalArgumentException naming the key, the value and the minimum
     */
    public static Duration requireAtLeast(Duration interval, Duration minimum) {
        if (interval.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(KEY + " is " + describe(interval) + "; the minimum is " + describe(minimum)
                    + " (" + MINIMUM_KEY + ")");
        }
        return interval;
    }

    /** Parses a value and checks it against the minimum in one step. */
    public static Duration parse(JsonValue value, Duration minimum) {
        return requireAtLeast(parse(value), minimum);
    }

    /** "1 minute (PT1M)", "0.5 minutes (PT30S)". */
    public static String describe(Duration interval) {
        BigDecimal minutes = BigDecimal.valueOf(interval.toMillis()).divide(BigDecimal.valueOf(60_000), 6, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return minutes.toPlainString() + (minutes.compareTo(BigDecimal.ONE) == 0 ? " minute" : " minutes") + " (" + interval + ")";
    }

    private static Duration fromMinutes(BigDecimal minutes, String text) {
        if (minutes.signum() <= 0) {
            throw notPositive(text);
        }
        if (minutes.compareTo(BigDecimal.valueOf(MAXIMUM.toMinutes())) > 0) {
            throw tooLong(text);
        }
        return checked(Duration.ofMillis(minutes.multiply(BigDecimal.valueOf(60_000)).setScale(0, RoundingMode.DOWN).longValueExact()), text);
    }

    private static Duration checked(Duration duration, String text) {
        if (duration.isNegative() || duration.toMillis() <= 0) {
            throw notPositive(text);
        }
        if (duration.compareTo(MAXIMUM) > 0) {
            throw tooLong(text);
        }
        return duration;
    }

    private static IllegalArgumentException notPositive(String text) {
        return new IllegalArgumentException(KEY + " must be positive (at least a millisecond), got '" + Abbreviation.of(text) + "'");
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException(KEY + " '" + Abbreviation.of(text) + "' is longer than the maximum of " + describe(MAXIMUM));
    }

    private static IllegalArgumentException garbage(String text) {
        return new IllegalArgumentException(KEY + " '" + Abbreviation.of(text) + "' is neither a number of minutes nor an ISO-8601 duration"
                + " (e.g. 15, 0.5 or PT30S)");
    }
}
