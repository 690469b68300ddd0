package dev.changewire.hubs.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dates Changewire reads in CEQL literals and in Constant Contact's records: ISO-8601 with or
 * without fractional seconds, with {@code Z} or an offset ({@code +02:00}, {@code +0200}), a date-time
 * without offset (read as UTC: "unless configured for a specific time zone, polling occurs in UTC"),
 * or a bare date (UTC midnight). Written back in {@link Instant#toString()} form.
 */
public final class DateLiteral {

    /** Longer than any ISO-8601 date-time with nanoseconds and offset: longer input is not a date. */
    static final int MAX_LENGTH = 40;

    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    /** An offset without colon ({@code +0200}), rewritten to the ISO form the formatter reads. */
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

    private DateLiteral() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        if (trimmed.length() < 10 || trimmed.length() > MAX_LENGTH || !Character.isDigit(trimmed.charAt(0))) {
            return Optional.empty();
        }
        try {
            if (trimmed.length() == 10) {
                return Optional.of(LocalDate.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE)
                        .atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            String iso = trimmed.length() > 19 ? COMPACT_OFFSET.matcher(trimmed).replaceFirst("$1:$2") : trimmed;
            var parsed = OFFSET_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime offsetDateTime) {
                return Optional.of(offsetDateTime.toInstant());
            }
            return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** ISO-8601 UTC, keeping whatever fraction of a second the instant has. */
    public static String format(Instant instant) {
        return instant.toString();
    }
}
