package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.Account;
import dev.changewire.sandbox.control.Campaigns;
import dev.changewire.sandbox.control.JsonBodies;
import dev.changewire.sandbox.control.SandboxAccounts;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /v3/emails}: email campaigns. */
@Path("v3/emails")
@Produces(MediaType.APPLICATION_JSON)
public class EmailsResource {

    @Inject
    Campaigns campaigns;

    @Inject
    SandboxAccounts accounts;

    @Inject
    SandboxCaller caller;

    @GET
    public String list(@Context UriInfo uri) {
        PageRequest request = PageRequest.of("emails", uri);
        Account account = account();
        var page = campaigns.list(account, request.query(), request.after());
        return request.body("campaigns", null, page, campaigns::listView, account.behaviour().foreignNextLinks()).toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public String create(String body) {
        return campaigns.create(account(), JsonBodies.object(body)).body().toString();
    }

    @GET
    @Path("{campaignId}")
    public String get(@PathParam("campaignId") String id) {
        return campaigns.get(account(), id).body().toString();
    }

    @PATCH
    @Path("{campaignId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String rename(@PathParam("campaignId") String id, String body) {
        return campaigns.rename(account(), id, JsonBodies.object(body)).body().toString();
    }

    @DELETE
    @Path("{campaignId}")
    public Response delete(@PathParam("campaignId") String id) {
        campaigns.delete(account(), id);
        return Response.noContent().build();
    }

    private Account account() {
        return accounts.account(caller.account());
    }
}
