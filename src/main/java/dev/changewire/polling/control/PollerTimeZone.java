package dev.changewire.polling.control;

import dev.changewire.instances.control.ConfigurationKeys;
import dev.changewire.platform.control.Abbreviation;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.ZoneId;

/** {@code event.poller.timezone}: the zone of {@code ${date...}} placeholders; UTC unless one is set. */
public final class PollerTimeZone {

    public static final String KEY = ConfigurationKeys.POLLER_TIMEZONE;
    public static final ZoneId DEFAULT = ZoneId.of("UTC");

    private PollerTimeZone() {
    }

    /** The configured zone; absent, JSON null or blank means UTC. Old three-letter ids (EST, PST) are accepted. */
    public static ZoneId parse(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return DEFAULT;
        }
        if (!(value instanceof JsonString s)) {
            throw new IllegalArgumentException(KEY + " must be a time zone id such as UTC or Europe/Berlin, got " + value);
        }
        return parse(s.getString());
    }

    public static ZoneId parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        try {
            return ZoneId.of(text.strip(), ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(KEY + " '" + Abbreviation.of(text) + "' is not a known time zone id"
                    + " (e.g. UTC, Europe/Berlin, America/New_York, +02:00)", e);
        }
    }
}
