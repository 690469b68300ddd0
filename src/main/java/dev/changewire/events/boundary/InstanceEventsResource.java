package dev.changewire.events.boundary;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.events.control.EventQueries;
import dev.changewire.instances.control.InstanceOwnership;
import dev.changewire.platform.control.ApiException;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The events of one of the caller's instances (Cloud Elements' {@code /instances/{id}/events}). */
@Path("instances/{id}/events")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceEventsResource {

    @Inject
    Caller caller;

    @Inject
    EventLists lists;

    @Inject
    EventQueries queries;

    @Inject
    InstanceOwnership ownership;

    @GET
    public Response list(@PathParam("id") String id, @QueryParam("objectType") String objectType,
            @QueryParam("eventType") String eventType, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("pageSize") String pageSize, @QueryParam("nextPage") String nextPage) {
        return lists.list(caller.organizationId(), instance(id), objectType, eventType, from, to, pageSize, nextPage);
    }

    @GET
    @Path("analytics")
    public Response analytics(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("interval") String interval) {
        return lists.analytics(caller.organizationId(), instance(id), from, to, interval);
    }

    @GET
    @Path("{eventId}")
    public JsonObject get(@PathParam("id") String id, @PathParam("eventId") String eventId) {
        return queries.find(caller.organizationId(), instance(id), EventLists.eventId(eventId)).map(EventJson::of)
                .orElseThrow(() -> ApiException.notFound("Event " + Abbreviation.of(eventId) + " of element instance " + Abbreviation.of(id) + " does not exist"));
    }

    private long instance(String id) {
        return ownership.owned(caller.organizationId(), id);
    }
}
