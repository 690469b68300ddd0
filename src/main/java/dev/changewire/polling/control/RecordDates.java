package dev.changewire.polling.control;

import dev.changewire.polling.entity.DatesConfiguration;
import dev.changewire.polling.entity.FieldPath;
import dev.changewire.polling.entity.PollerResource;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Reads ids and dates out of polled records, as a resource's configuration says.
 * <p>
 * A date is read with its configured {@link SimpleDateFormat} pattern (strict, the whole value must
 * match) in its configured zone, or as epoch milliseconds (a number or a numeric string) for
 * {@value DatesConfiguration#MILLISECONDS}. When that fails, the value is tried as ISO-8601: date and
 * time with or without seconds and a fraction of any length, with {@code Z}, {@code +02:00},
 * {@code +0200} or {@code +02}, or without an offset (then in the configured zone), or a date alone
 * (midnight in that zone). So the seed's {@code yyyy-MM-dd'T'HH:mm:ss'Z'} reads values with
 * milliseconds as written.
 * <p>
 * One guard on {@link SimpleDateFormat}: it reads {@code .5} under {@code SSS} as 5 ms. When a value is
 * a complete ISO-8601 instant with an offset and the pattern's reading differs from the ISO reading by
 * less than a second, the ISO reading wins (only the fraction can cause that); larger differences are
 * left to the pattern and its zone, as configured.
 */
public final class RecordDates {

    private static final int MAX_DATE_TEXT = 100;

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendPattern("[XXX][XX][X]").optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private RecordDates() {
    }

    /** Reads a record against its resource: id, updated, created and deletion. */
    public static RecordReading read(PollerResource resource, JsonObject record) {
        Optional<String> id = objectId(record, resource.idField());
        if (id.isEmpty()) {
            return RecordReading.skipped(RecordReading.SkipReason.MISSING_ID,
                    resource.idField() + " is missing, empty or not a string or number");
        }
        DatesConfiguration dates = resource.datesConfiguration();
        DateReading updated = read(record, dates.updatedDateField(), dates.updatedDateFormat(), dates.updatedDateTimezone());
        DateReading created = dates.created()
                .map(field -> read(record, field, dates.createdDateFormat(), dates.createdDateTimezone()))
                .orElse(DateReading.missing());
        if (updated.isUnparseable()) {
            return RecordReading.skipped(RecordReading.SkipReason.UNPARSEABLE_UPDATED_DATE,
                    dates.updatedDateField() + " '" + updated.text() + "' of " + id.get() + ": " + updated.problem());
        }
        Instant updatedAt;
        if (updated.isParsed()) {
            updatedAt = updated.instant();
        } else if (created.isParsed()) {
            updatedAt = created.instant();
        } else {
            return RecordReading.skipped(RecordReading.SkipReason.MISSING_UPDATED_DATE,
                    dates.updatedDateField() + " of " + id.get() + " is missing"
                            + dates.created().map(f -> " and so is a readable " + f).orElse(""));
        }
        boolean deleted = dates.deleted().map(field -> hasValue(record, field)).orElse(false);
        Optional<Instant> deletedAt = deleted
                ? read(record, dates.deletedDateField(), dates.updatedDateFormat(), dates.updatedDateTimezone()).asOptional()
                : Optional.empty();
        return RecordReading.of(new RecordChange(id.get(), updatedAt, created.asOptional(), deleted, deletedAt));
    }

    /** The record's id as text: a non-blank string as it is, a number in plain notation; else empty. */
    public static Optional<String> objectId(JsonObject record, FieldPath idField) {
        return idField.find(record).flatMap(value -> {
            if (value instanceof JsonString s) {
                return Optional.of(s.getString()).filter(text -> !text.isBlank());
            }
            if (value instanceof JsonNumber n) {
                return Optional.of(numberText(n.bigDecimalValue()));
            }
            return Optional.empty();
        });
    }

    /** A number id as the same text whichever JSON parser read it: 42, 1500 (for 1.5e3), 1.5; exotic exponents as written. */
    private static String numberText(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        int integerDigits = stripped.precision() - stripped.scale();
        return integerDigits > 40 || stripped.scale() > 40 ? stripped.toString() : stripped.toPlainString();
    }

    /** Whether the field holds something: not absent, JSON null, a blank string or false. */
    public static boolean hasValue(JsonObject record, FieldPath field) {
        return field.find(record).filter(value -> switch (value.getValueType()) {
            case STRING -> !((JsonString) value).getString().isBlank();
            case FALSE, NULL -> false;
            default -> true;
        }).isPresent();
    }

    /**
     * Reads a date field.
     *
     * @param format a SimpleDateFormat pattern, {@value DatesConfiguration#MILLISECONDS}, or null for ISO-8601 only
     * @param zone   the zone of values that carry none
     */
    public static DateReading read(JsonObject record, FieldPath field, String format, ZoneId zone) {
        return field.find(record).map(value -> parse(value, format, zone)).orElse(DateReading.missing());
    }

    /** Reads one date value (see {@link #read(JsonObject, FieldPath, String, ZoneId)}). */
    public static DateReading parse(JsonValue value, String format, ZoneId zone) {
        String text;
        if (value instanceof JsonString s) {
            text = s.getString().strip();
            if (text.isEmpty()) {
                return DateReading.missing();
            }
        } else if (value instanceof JsonNumber n) {
            text = n.toString();
        } else if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return DateReading.missing();
        } else {
            return DateReading.unparseable(abbreviate(value.toString()), "a date must be a string or a number");
        }
        if (text.length() > MAX_DATE_TEXT) {
            return DateReading.unparseable(abbreviate(text), "longer than " + MAX_DATE_TEXT + " characters");
        }
        Optional<Instant> iso = iso(text, zone);
        if (DatesConfiguration.MILLISECONDS.equals(format)) {
            Optional<Instant> millis = epochMillis(text);
            if (millis.isPresent()) {
                return DateReading.parsed(millis.get());
            }
        } else if (format != null) {
            Optional<Instant> patterned = pattern(text, format, zone);
            if (patterned.isPresent()) {
                boolean onlyTheFractionDiffers = iso.isPresent() && hasOffset(text)
                        && Duration.between(patterned.get(), iso.get()).abs().compareTo(Duration.ofSeconds(1)) < 0;
                return DateReading.parsed(onlyTheFractionDiffers ? iso.get() : patterned.get());
            }
        }
        return iso.map(DateReading::parsed).orElseGet(() -> DateReading.unparseable(text,
                "matches neither " + (format == null ? "" : "the format " + format + " nor ") + "an ISO-8601 date"));
    }

    private static Optional<Instant> epochMillis(String text) {
        try {
            BigDecimal millis = new BigDecimal(text);
            return Optional.of(Instant.ofEpochMilli(millis.longValueExact()));
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> pattern(String text, String pattern, ZoneId zone) {
        try {
            SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.US);
            format.setTimeZone(TimeZone.getTimeZone(zone));
            format.setLenient(false);
            ParsePosition position = new ParsePosition(0);
            Date date = format.parse(text, position);
            if (date == null || position.getIndex() != text.length()) {
                return Optional.empty();
            }
            return Optional.of(date.toInstant());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> iso(String text, ZoneId zone) {
        String normalized = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            TemporalAccessor parsed = ISO.parseBest(normalized, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime offset) {
                return Optional.of(offset.toInstant());
            }
            if (parsed instanceof LocalDateTime local) {
                return Optional.of(local.atZone(zone).toInstant());
            }
            return Optional.of(((LocalDate) parsed).atStartOfDay(zone).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasOffset(String text) {
        return text.length() > 10 && (text.endsWith("Z") || text.endsWith("z")
                || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
