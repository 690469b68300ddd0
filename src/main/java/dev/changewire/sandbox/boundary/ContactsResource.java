package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.Account;
import dev.changewire.sandbox.control.Contacts;
import dev.changewire.sandbox.control.JsonBodies;
import dev.changewire.sandbox.control.QueryParameters;
import dev.changewire.sandbox.control.SandboxAccounts;
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
import java.util.Map;
import java.util.Set;

/** {@code /v3/contacts}. */
@Path("v3/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {

    @Inject
    Contacts contacts;

    @Inject
    SandboxAccounts accounts;

    @Inject
    SandboxCaller caller;

    @GET
    public String list(@Context UriInfo uri) {
        PageRequest request = PageRequest.of("contacts", uri);
        Set<String> include = contacts.includes(request.query());
        var page = contacts.list(account(), request.query(), request.after());
        return request.body("contacts", "contacts_count", page, r -> contacts.view(r, include)).toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        var created = contacts.create(account(), JsonBodies.object(body));
        return Response.status(Response.Status.CREATED).entity(contacts.view(created, Contacts.INCLUDES).toString()).build();
    }

    @GET
    @Path("{contactId}")
    public String get(@PathParam("contactId") String id, @QueryParam("include") String include) {
        Set<String> includes = contacts.includes(new QueryParameters(include == null ? Map.of() : Map.of("include", include)));
        return contacts.view(contacts.get(account(), id), includes).toString();
    }

    @PUT
    @Path("{contactId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String replace(@PathParam("contactId") String id, String body) {
        return contacts.view(contacts.replace(account(), id, JsonBodies.object(body)), Contacts.INCLUDES).toString();
    }

    @DELETE
    @Path("{contactId}")
    public Response delete(@PathParam("contactId") String id) {
        contacts.delete(account(), id);
        return Response.noContent().build();
    }

    private Account account() {
        return accounts.account(caller.account());
    }
}
