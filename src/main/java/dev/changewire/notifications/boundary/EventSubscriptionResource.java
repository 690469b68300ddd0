package dev.changewire.notifications.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.instances.control.InstanceOwnership;
import dev.changewire.notifications.control.Deliverer;
import dev.changewire.notifications.control.Subscriptions;
import dev.changewire.notifications.entity.DeliverySubscription;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * Whether an instance's notifications are sent: {@code PUT} reactivates (queued notifications wait
 * for a redelivery), {@code DELETE} deactivates (what is on its way is queued). Its own root
 * resource: {@code instances/{id}/events} belongs to the events API.
 */
@Path("instances/{id}/events/subscription")
@Produces(MediaType.APPLICATION_JSON)
public class EventSubscriptionResource {

    @Inject
    Caller caller;

    @Inject
    InstanceOwnership ownership;

    @Inject
    Subscriptions subscriptions;

    @Inject
    Deliverer deliverer;

    @GET
    public JsonObject get(@PathParam("id") String id) {
        return json(ownership.owned(caller.organizationId(), id));
    }

    @PUT
    public JsonObject activate(@PathParam("id") String id) {
        long instanceId = ownership.owned(caller.organizationId(), id);
        subscriptions.activate(instanceId);
        deliverer.schedule(caller.organizationId(), instanceId);
        return json(instanceId);
    }

    @DELETE
    public JsonObject deactivate(@PathParam("id") String id) {
        long instanceId = ownership.owned(caller.organizationId(), id);
        subscriptions.deactivate(instanceId, "Deactivated by the operator");
        return json(instanceId);
    }

    private JsonObject json(long instanceId) {
        Optional<DeliverySubscription> row = subscriptions.find(instanceId);
        return JSON.createObjectBuilder()
                .add("instanceId", instanceId)
                .add("active", row.map(DeliverySubscription::isActive).orElse(true))
                .add("changedDate", row.map(r -> (JsonValue) JSON.createValue(r.getChangedAt().toString())).orElse(JsonValue.NULL))
                .add("reason", row.map(DeliverySubscription::getReason).map(r -> (JsonValue) JSON.createValue(r)).orElse(JsonValue.NULL))
                .build();
    }
}
