package dev.changewire.platform.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Cloud Elements' error body: {@code {"message","requestId","providerMessage"}}. */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static Response response(int status, String message, String requestId, String providerMessage) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("message", message == null ? Response.Status.fromStatusCode(status) + "" : message);
        if (requestId != null) {
            body.add("requestId", requestId);
        }
        if (providerMessage != null) {
            body.add("providerMessage", providerMessage);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build()).build();
    }

    public static JsonObject json(String message) {
        return Json.createObjectBuilder().add("message", message).build();
    }
}
