package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SweepBoundsTest {

    @Test
    void aFewOrAShareOfTheKnownRecordsMayBeGoneNeverMore() {
        SweepBounds bounds = new SweepBounds(0.5, 10, 5000, Duration.ofSeconds(2));
        assertTrue(bounds.allows(10, 10), "a small resource may lose all of a few");
        assertTrue(bounds.allows(500, 1000));
        assertFalse(bounds.allows(501, 1000), "a listing lacking more than half is not believed");
        assertFalse(bounds.allows(11, 12));
        assertTrue(new SweepBounds(1, 0, 1, Duration.ofSeconds(2)).allows(1000, 1000));
        assertFalse(new SweepBounds(0, 0, 1, Duration.ofSeconds(2)).allows(1, 1000000));
    }

    @Test
    void boundsOutsideTheirRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SweepBounds(1.5, 10, 10, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new SweepBounds(-0.1, 10, 10, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new SweepBounds(0.5, -1, 10, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new SweepBounds(0.5, 1, 0, Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> new SweepBounds(0.5, 1, 1, Duration.ofSeconds(-1)));
    }
}
