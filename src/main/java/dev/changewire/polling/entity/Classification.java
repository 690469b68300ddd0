package dev.changewire.polling.entity;

import dev.changewire.instances.control.ConfigurationKeys;
import java.util.Locale;

/**
 * {@code event.poller.classification}: how the first event of a record never reported is chosen.
 * <ul>
 * <li>{@link #LIFECYCLE} (the default): a record created at or after the resource's baseline that was
 * never reported is CREATED, whatever happened to it before the poll that found it; created and deleted
 * between two polls it is CREATED then DELETED. A consumer that mirrors or audits records sees every
 * creation.</li>
 * <li>{@link #STRICT}: Cloud Elements' rule only: CREATED when created is within
 * {@code createdCheckTolerance} of updated, so a record created and updated between two polls is only
 * UPDATED (and one created and deleted only DELETED). For consumers written against Cloud Elements.</li>
 * </ul>
 */
public enum Classification {
    LIFECYCLE, STRICT;

    public static final String KEY = ConfigurationKeys.POLLER_CLASSIFICATION;
    public static final Classification DEFAULT = LIFECYCLE;
    private static final int MAX_SHOWN = 40;

    /** Absent or blank is the default; otherwise {@code lifecycle} or {@code strict}, any case. */
    public static Classification parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String value = text.strip();
        for (Classification c : values()) {
            if (c.name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        String shown = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
        throw new IllegalArgumentException(KEY + " must be 'lifecycle' or 'strict', not '" + shown + "'");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
