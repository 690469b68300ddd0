package dev.changewire.platform.control;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the application. Every {@code jakarta.json.Json.createXxx()} call looks the
 * provider up again through the ServiceLoader (a jar scan through the class loaders: 29% of a backlog
 * drain's CPU in issue 11's profile); the provider itself is stateless and thread-safe, so it is looked up
 * once and every builder, reader and value is made through it.
 */
public final class JsonProviders {

    /** Immutable and thread-safe: a factory, not state. */
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonProviders() {
    }
}
