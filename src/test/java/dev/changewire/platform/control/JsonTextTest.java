package dev.changewire.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    static ApiException refused(String text) {
        return assertThrows(ApiException.class, () -> JsonText.object(text, "The request body"));
    }

    @Test
    void depthBeyondTheLimitIsA400BeforeAnythingIsBuilt() {
        ApiException e = refused("[".repeat(100_000) + "]".repeat(100_000));
        assertEquals(400, e.status());
        assertEquals("The request body is nested deeper than 32 levels", e.getMessage());
        assertEquals("k", JsonText.object("{\"k\":" + "[".repeat(31) + "]".repeat(31) + "}", "x").keySet().iterator().next());
    }

    @Test
    void longNumbersAreRefusedByTheirLength() {
        ApiException e = refused("{\"n\":" + "9".repeat(2_000) + "}");
        assertEquals("The request body holds a number of 2000 characters; at most 64 are accepted", e.getMessage());
        assertEquals(1e300, JsonText.object("{\"n\":1e300}", "x").getJsonNumber("n").doubleValue());
    }

    @Test
    void nonObjectsAndGarbageNameTheProblem() {
        assertEquals("The request body must be a JSON object, got array", refused("[]").getMessage());
        assertEquals("The request body must be a JSON object, got null", refused("null").getMessage());
        assertEquals("The request body must be a JSON object, got string", refused("\"x\"").getMessage());
        assertTrue(refused("{\"a\":").getMessage().startsWith("The request body is not valid JSON: "));
        assertTrue(refused("{} {}").getMessage().startsWith("The request body is not valid JSON: "));
        assertTrue(refused(" ").getMessage().startsWith("The request body is empty"));
    }

    @Test
    void embeddedJsonIsNamedByItsKey() {
        ApiException e = assertThrows(ApiException.class,
                () -> JsonText.value("{\"h\":" + "[".repeat(40) + "]".repeat(40) + "}", "configuration.event.notification.callback.headers"));
        assertEquals("configuration.event.notification.callback.headers is nested deeper than 32 levels", e.getMessage());
    }
}
