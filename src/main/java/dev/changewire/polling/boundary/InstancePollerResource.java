package dev.changewire.polling.boundary;

import dev.changewire.instances.control.InstanceOwnership;
import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import dev.changewire.polling.control.PollTargets;
import dev.changewire.polling.control.Poller;
import dev.changewire.polling.control.PollerReport;
import dev.changewire.polling.entity.PollTarget;
import dev.changewire.polling.entity.RunSummary;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An instance's poller: its state per resource, and "poll now". */
@Path("instances/{id}/events/poller")
@Produces(MediaType.APPLICATION_JSON)
public class InstancePollerResource {

    @Inject
    Caller caller;

    @Inject
    InstanceOwnership ownership;

    @Inject
    PollTargets targets;

    @Inject
    Poller poller;

    @Inject
    PollerReport report;

    @GET
    public JsonObject status(@PathParam("id") String id) {
        return report.status(target(id));
    }

    /** Polls now and answers with the run's summary; 409 while another run holds the lease. */
    @POST
    @Path("run")
    public JsonObject run(@PathParam("id") String id) {
        PollTarget target = target(id);
        if (!target.active()) {
            throw ApiException.conflict("Element instance " + target.instanceId() + " is not polled: " + target.status()
                    + (target.problem() == null ? "" : " (" + target.problem() + ")"));
        }
        RunSummary run = poller.run(target.instanceId(), Poller.MANUAL);
        if (run.outcome() == RunSummary.Outcome.BUSY) {
            throw ApiException.conflict("A poll run of element instance " + target.instanceId() + " is in progress; try again when it ends");
        }
        return report.summary(run);
    }

    private PollTarget target(String id) {
        long instanceId = ownership.owned(caller.organizationId(), id);
        return targets.find(instanceId).orElseThrow(() -> ApiException.notFound("Element instance " + Abbreviation.of(id) + " does not exist"));
    }
}
