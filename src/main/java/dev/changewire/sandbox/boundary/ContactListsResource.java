package dev.changewire.sandbox.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.sandbox.control.Account;
import dev.changewire.sandbox.control.ContactLists;
import dev.changewire.sandbox.control.JsonBodies;
import dev.changewire.sandbox.control.QueryParameters;
import dev.changewire.sandbox.control.SandboxAccounts;
import dev.changewire.sandbox.control.SandboxClock;
import dev.changewire.sandbox.entity.RecordKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.changewire.sandbox.entity.StoredRecord;

/** {@code /v3/contact_lists}. */
@Path("v3/contact_lists")
@Produces(MediaType.APPLICATION_JSON)
public class ContactListsResource {

    @Inject
    ContactLists lists;

    @Inject
    SandboxAccounts accounts;

    @Inject
    SandboxCaller caller;

    @GET
    public String list(@Context UriInfo uri) {
        PageRequest request = PageRequest.of("contact_lists", uri);
        String membershipCount = lists.membershipCount(request.query());
        Account account = account();
        var page = lists.list(account, request.query(), request.after());
        var contacts = membershipCount == null ? List.<StoredRecord>of() : account.all(RecordKind.CONTACTS);
        return request.body("lists", "lists_count", page, r -> lists.view(r, membershipCount, contacts)).toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        var created = lists.create(account(), JsonBodies.object(body));
        return Response.status(Response.Status.CREATED).entity(lists.view(created, null, List.of()).toString()).build();
    }

    @GET
    @Path("{listId}")
    public String get(@PathParam("listId") String id, @QueryParam("include_membership_count") String count) {
        String membershipCount = lists.membershipCount(new QueryParameters(count == null ? Map.of() : Map.of("include_membership_count", count)));
        Account account = account();
        return lists.view(lists.get(account, id), membershipCount, membershipCount == null ? List.of() : account.all(RecordKind.CONTACTS)).toString();
    }

    @PUT
    @Path("{listId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String replace(@PathParam("listId") String id, String body) {
        return lists.view(lists.replace(account(), id, JsonBodies.object(body)), null, List.of()).toString();
    }

    /** 202 with the (already finished) delete activity, as Constant Contact deletes lists asynchronously. */
    @DELETE
    @Path("{listId}")
    public Response delete(@PathParam("listId") String id) {
        var deleted = lists.delete(account(), id);
        String activityId = UUID.randomUUID().toString();
        String at = SandboxClock.format(deleted.deletedAt());
        var activity = JSON.createObjectBuilder()
                .add("activity_id", activityId)
                .add("state", "completed")
                .add("created_at", at)
                .add("updated_at", at)
                .add("percent_done", 100)
                .add("activity_errors", JSON.createArrayBuilder())
                .add("_links", JSON.createObjectBuilder().add("self", JSON.createObjectBuilder().add("href", "/v3/activities/" + activityId)))
                .build();
        return Response.accepted(activity.toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Account account() {
        return accounts.account(caller.account());
    }
}
