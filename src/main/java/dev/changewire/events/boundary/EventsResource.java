package dev.changewire.events.boundary;

import dev.changewire.events.control.EventQueries;
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

/** The events of all the caller's instances (Cloud Elements' {@code /instances/events}). */
@Path("instances/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    @Inject
    Caller caller;

    @Inject
    EventLists lists;

    @Inject
    EventQueries queries;

    @GET
    public Response list(@QueryParam("objectType") String objectType, @QueryParam("eventType") String eventType,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("pageSize") String pageSize,
            @QueryParam("nextPage") String nextPage) {
        return lists.list(caller.organizationId(), null, objectType, eventType, from, to, pageSize, nextPage);
    }

    @GET
    @Path("analytics")
    public Response analytics(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("interval") String interval) {
        return lists.analytics(caller.organizationId(), null, from, to, interval);
    }

    @GET
    @Path("{eventId}")
    public JsonObject get(@PathParam("eventId") String eventId) {
        return queries.find(caller.organizationId(), null, EventLists.eventId(eventId)).map(EventJson::of)
                .orElseThrow(() -> ApiException.notFound("Event " + eventId + " does not exist"));
    }
}
