package dev.changewire.notifications.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.instances.control.InstanceOwnership;
import dev.changewire.notifications.control.WebhookSecrets;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Rotates an instance's Standard Webhooks secret; the answer is the only place the new secret is shown. */
@Path("instances/{id}/events/webhook-secret")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {

    @Inject
    Caller caller;

    @Inject
    InstanceOwnership ownership;

    @Inject
    WebhookSecrets webhookSecrets;

    @POST
    @Path("rotate")
    public JsonObject rotate(@PathParam("id") String id) {
        long instanceId = ownership.owned(caller.organizationId(), id);
        WebhookSecrets.Rotation rotation = webhookSecrets.rotate(caller.organizationId(), instanceId);
        return JSON.createObjectBuilder()
                .add("instanceId", instanceId)
                .add("secret", rotation.secret())
                .add("previousSecretExpiresDate", rotation.previousExpiresAt() == null
                        ? JsonValue.NULL : JSON.createValue(rotation.previousExpiresAt().toString()))
                .build();
    }
}
