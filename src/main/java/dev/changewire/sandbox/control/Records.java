package dev.changewire.sandbox.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** Small JSON record helpers shared by the collections. */
final class Records {

    private Records() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The named fields of {@code body} that are present, in the given order. */
    static JsonObjectBuilder pick(JsonObject body, Collection<String> fields) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        for (String f : fields) {
            JsonValue v = body.get(f);
            if (v != null) {
                b.add(f, v);
            }
        }
        return b;
    }

    static JsonObjectBuilder copy(JsonObject body) {
        return JSON.createObjectBuilder(body);
    }

    static String time(Instant instant) {
        return SandboxClock.format(instant);
    }
}
