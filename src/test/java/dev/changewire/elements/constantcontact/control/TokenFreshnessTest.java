package dev.changewire.elements.constantcontact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenFreshnessTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Duration MARGIN = Duration.ofSeconds(60);

    @Test
    void aTokenIsUsableUntilTheMarginBeforeItsExpiry() {
        assertTrue(TokenFreshness.usable("t", NOW.plusSeconds(61), NOW, MARGIN));
        assertFalse(TokenFreshness.usable("t", NOW.plusSeconds(60), NOW, MARGIN));
        assertFalse(TokenFreshness.usable("t", NOW.minusSeconds(1), NOW, MARGIN));
    }

    @Test
    void noTokenIsNeverUsableAndAnUnknownExpiryIs() {
        assertFalse(TokenFreshness.usable(null, null, NOW, MARGIN));
        assertFalse(TokenFreshness.usable(" ", NOW.plusSeconds(3600), NOW, MARGIN));
        assertTrue(TokenFreshness.usable("t", null, NOW, MARGIN));
    }

    @Test
    void underTheLockAFreshTokenOfAnotherRefreshIsUsedInsteadOfRefreshingAgain() {
        assertTrue(TokenFreshness.refreshedMeanwhile("new", NOW.plusSeconds(3600), "old", NOW, MARGIN));
        assertTrue(TokenFreshness.refreshedMeanwhile("new", NOW.plusSeconds(3600), null, NOW, MARGIN));
    }

    @Test
    void underTheLockTheSameOrAnExpiringTokenIsRefreshed() {
        // the token that got the 401, or that the caller found expiring, is never reused
        assertFalse(TokenFreshness.refreshedMeanwhile("old", NOW.plusSeconds(3600), "old", NOW, MARGIN));
        assertFalse(TokenFreshness.refreshedMeanwhile("new", NOW.plusSeconds(30), "old", NOW, MARGIN));
        assertFalse(TokenFreshness.refreshedMeanwhile(null, null, "old", NOW, MARGIN));
    }

    @Test
    void shortLivedTokensGetAQuarterOfTheirLifeAsMargin() {
        assertEquals(MARGIN, TokenFreshness.margin(MARGIN, Duration.ofHours(24)));
        assertEquals(MARGIN, TokenFreshness.margin(MARGIN, null));
        assertEquals(MARGIN, TokenFreshness.margin(MARGIN, Duration.ofSeconds(120)));
        assertEquals(Duration.ofMillis(750), TokenFreshness.margin(MARGIN, Duration.ofSeconds(3)));
    }
}
