package dev.changewire.notifications.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.instances.control.InstanceOwnership;
import dev.changewire.notifications.control.Deliverer;
import dev.changewire.notifications.control.NotificationPageTokens;
import dev.changewire.notifications.control.NotificationQueries;
import dev.changewire.notifications.control.Redelivery;
import dev.changewire.notifications.entity.NotificationStatus;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** One instance's delivery log and its bulk redelivery (the organization-wide log is {@link NotificationsResource}). */
@Path("instances/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceNotificationsResource {

    @Inject
    InstanceOwnership ownership;

    @Inject
    NotificationQueries queries;

    @Inject
    Caller caller;

    @Inject
    Redelivery redelivery;

    @Inject
    NotificationPageTokens pageTokens;

    @Inject
    Deliverer deliverer;

    @GET
    public Response list(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("pageSize") String pageSize, @QueryParam("nextPage") String nextPage) {
        long instanceId = ownership.owned(caller.organizationId(), id);
        return NotificationsResource.page(queries, pageTokens, caller.organizationId(), instanceId, status, pageSize, nextPage);
    }

    @POST
    @Path("redeliver")
    public JsonObject redeliverAll(@PathParam("id") String id, @QueryParam("status") String status, @QueryParam("since") String since) {
        long organizationId = caller.organizationId();
        long instanceId = ownership.owned(caller.organizationId(), id);
        Set<NotificationStatus> statuses = status == null || status.isBlank()
                ? EnumSet.of(NotificationStatus.FAILED, NotificationStatus.QUEUED) : NotificationsResource.statuses(status);
        Instant from = since == null || since.isBlank() ? Instant.EPOCH : NotificationsResource.date("since", since);
        int count = redelivery.all(instanceId, statuses, from);
        deliverer.schedule(organizationId, instanceId);
        JsonArrayBuilder names = JSON.createArrayBuilder();
        statuses.stream().map(Enum::name).sorted().forEach(names::add);
        return JSON.createObjectBuilder()
                .add("instanceId", instanceId)
                .add("statuses", names)
                .add("since", from.toString())
                .add("redelivered", count)
                .add("subscriptionActive", true)
                .build();
    }
}
