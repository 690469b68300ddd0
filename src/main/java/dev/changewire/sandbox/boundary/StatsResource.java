package dev.changewire.sandbox.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.sandbox.control.ClientTraffic;
import dev.changewire.sandbox.control.TrafficCounter;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /stats} (no authentication): per OAuth client, the V3 requests served, the 429s sent
 * of each kind, the served count of the busiest wall-clock second, today's served count (since
 * {@code dayStarted}: 00:00 UTC, or the start of a shortened quota day) and the last finished days' counts.
 * {@code GET /stats/{clientId}}: one client (zeros when it has made no request).
 */
@Path("stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @Inject
    ClientTraffic traffic;

    @GET
    public String all() {
        JsonObjectBuilder clients = JSON.createObjectBuilder();
        traffic.snapshots().forEach((id, s) -> clients.add(id, view(id, s)));
        return JSON.createObjectBuilder().add("clients", clients).build().toString();
    }

    @GET
    @Path("{clientId}")
    public String one(@PathParam("clientId") String clientId) {
        return view(clientId, traffic.snapshot(clientId)).toString();
    }

    /** The last finished days, newest first: when each began and the requests it served. */
    private static JsonArrayBuilder earlierDays(TrafficCounter.Snapshot s) {
        JsonArrayBuilder days = JSON.createArrayBuilder();
        s.earlierDays().forEach(d -> days.add(JSON.createObjectBuilder().add("started", d.started().toString()).add("requests", d.served())));
        return days;
    }

    private JsonObject view(String clientId, TrafficCounter.Snapshot s) {
        var limits = traffic.limits(clientId);
        var tokens = traffic.tokenSnapshot(clientId);
        return JSON.createObjectBuilder()
                .add("clientId", clientId)
                .add("requestsServed", s.served())
                .add("throttled", s.throttled())
                .add("quotaExceeded", s.quotaExceeded())
                .add("maxRequestsPerSecond", s.maxPerSecond())
                .add("requestsToday", s.servedToday())
                .add("dayStarted", s.dayStarted() == null ? JsonValue.NULL : JSON.createValue(s.dayStarted().toString()))
                .add("earlierDays", earlierDays(s))
                .add("tokenRequestsServed", tokens.served())
                .add("tokenRequestsThrottled", tokens.throttled())
                .add("maxTokenRequestsPerSecond", tokens.maxPerSecond())
                .add("limits", JSON.createObjectBuilder()
                        .add("requestsPerSecond", limits.requestsPerSecond())
                        .add("requestsPerDay", limits.requestsPerDay())
                        .add("tokenRequestsPerSecond", limits.tokenRequestsPerSecond()))
                .build();
    }
}
