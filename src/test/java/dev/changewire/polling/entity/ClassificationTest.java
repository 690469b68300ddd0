package dev.changewire.polling.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassificationTest {

    @Test
    void lifecycleIsTheDefaultAndBothValuesParseInAnyCase() {
        assertEquals(Classification.LIFECYCLE, Classification.parse(null));
        assertEquals(Classification.LIFECYCLE, Classification.parse("  "));
        assertEquals(Classification.LIFECYCLE, Classification.parse("Lifecycle"));
        assertEquals(Classification.STRICT, Classification.parse(" strict "));
    }

    @Test
    void anythingElseIsRefusedNamingTheKeyAndABoundedValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Classification.parse("x".repeat(10_000)));
        assertTrue(e.getMessage().startsWith("event.poller.classification must be 'lifecycle' or 'strict'"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }
}
