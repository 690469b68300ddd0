package dev.changewire.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting in integration tests: for a condition to hold, or for a fixed time. */
final class Waits {

    private Waits() {
    }

    /** Checks the condition every {@code every} until it holds; fails the test once {@code timeout} has passed. */
    static void awaitTrue(Duration timeout, Duration every, BooleanSupplier condition, String what) {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(every.toMillis());
        }
        fail("Timed out after " + timeout + ": " + what);
    }

    /** Thread.sleep; an interrupt is kept set and ends the test with an IllegalStateException. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
