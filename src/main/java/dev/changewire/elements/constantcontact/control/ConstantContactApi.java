package dev.changewire.elements.constantcontact.control;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Constant Contact V3's read calls, as a MicroProfile REST Client on the API URL (which ends in
 * {@code /v3}). Every query parameter the push-down can produce is here, plus {@code cursor} for the
 * {@code _links.next.href} pages; a null parameter is left out of the URL. Returns the raw Response:
 * 401, 429 and 5xx are answers that {@link ConstantContactClient} interprets.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface ConstantContactApi extends AutoCloseable {

    @GET
    @Path("emails")
    Response campaigns(@HeaderParam("Authorization") String bearer,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit,
            @QueryParam("after_date") String afterDate,
            @QueryParam("before_date") String beforeDate);

    @GET
    @Path("contacts")
    Response contacts(@HeaderParam("Authorization") String bearer,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit,
            @QueryParam("status") String status,
            @QueryParam("email") String email,
            @QueryParam("lists") String lists,
            @QueryParam("updated_after") String updatedAfter,
            @QueryParam("updated_before") String updatedBefore,
            @QueryParam("created_after") String createdAfter,
            @QueryParam("created_before") String createdBefore,
            @QueryParam("include") String include,
            @QueryParam("include_count") String includeCount);

    @GET
    @Path("contact_lists")
    Response lists(@HeaderParam("Authorization") String bearer,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit,
            @QueryParam("name") String name,
            @QueryParam("status") String status,
            @QueryParam("include_count") String includeCount,
            @QueryParam("include_membership_count") String includeMembershipCount);

    @GET
    @Path("emails/{id}")
    Response campaign(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("contacts/{id}")
    Response contact(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("contact_lists/{id}")
    Response list(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);
}
