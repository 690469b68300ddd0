package dev.changewire.platform.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.platform.control.Abbreviation;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Cloud Elements' error body: {@code {"message","requestId","providerMessage"}}. */
public final class ErrorBody {

    private ErrorBody() {
    }

    /** Longest message an error body carries: whatever a message quotes, the answer stays small. */
    static final int MAX_MESSAGE = 1000;

    public static Response response(int status, String message, String requestId, String providerMessage) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("message", message == null ? String.valueOf(Response.Status.fromStatusCode(status)) : Abbreviation.of(message, MAX_MESSAGE));
        if (requestId != null) {
            body.add("requestId", requestId);
        }
        if (providerMessage != null) {
            body.add("providerMessage", Abbreviation.of(providerMessage, MAX_MESSAGE));
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build()).build();
    }

    public static JsonObject json(String message) {
        return JSON.createObjectBuilder().add("message", message).build();
    }
}
