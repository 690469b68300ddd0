package dev.changewire.polling.entity;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a resource's records keep their dates and how to read them ({@code datesConfiguration}).
 * A format is a {@link java.text.SimpleDateFormat} pattern, the word {@value #MILLISECONDS}, or
 * absent (ISO-8601 instants); whatever the format, values that do not match it are also tried as
 * ISO-8601. A created format or time zone that is not given is the updated one's.
 *
 * @param updatedDateField     required: the record's last-modified date
 * @param updatedDateFormat    the updated field's format, or null for ISO-8601
 * @param updatedDateTimezone  the zone of values that carry none (default UTC)
 * @param createdDateField     the record's creation date, or null (then the updated date stands in)
 * @param createdDateFormat    the created field's format, or null for ISO-8601
 * @param createdDateTimezone  the zone of created values that carry none
 * @param deletedDateField     Changewire's addition: a record whose field has a value is DELETED; or null
 */
public record DatesConfiguration(
        FieldPath updatedDateField, String updatedDateFormat, ZoneId updatedDateTimezone,
        FieldPath createdDateField, String createdDateFormat, ZoneId createdDateTimezone,
        FieldPath deletedDateField) {

    public static final String MILLISECONDS = "milliseconds";

    public DatesConfiguration {
        Objects.requireNonNull(updatedDateField, "updatedDateField");
        Objects.requireNonNull(updatedDateTimezone, "updatedDateTimezone");
        Objects.requireNonNull(createdDateTimezone, "createdDateTimezone");
    }

    public Optional<FieldPath> created() {
        return Optional.ofNullable(createdDateField);
    }

    public Optional<FieldPath> deleted() {
        return Optional.ofNullable(deletedDateField);
    }
}
