package dev.changewire.sandbox.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The two error shapes of Constant Contact: the V3 API's array and the OAuth2 endpoints' object. */
final class ProviderErrors {

    private ProviderErrors() {
    }

    static Response array(int status, String key, String message) {
        var body = JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                .add("error_key", key)
                .add("error_message", message == null ? key : message)).build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
    }

    static Response oauth(int status, String error, String description) {
        JsonObject body = JSON.createObjectBuilder().add("error", error).add("error_description", description == null ? error : description).build();
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString())
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
        if (status == 401) {
            response.header("WWW-Authenticate", "Basic realm=\"sandbox\"");
        }
        return response.build();
    }
}
