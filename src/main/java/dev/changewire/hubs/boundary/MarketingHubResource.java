package dev.changewire.hubs.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.hubs.control.HubReader;
import dev.changewire.hubs.entity.HubPage;
import dev.changewire.hubs.entity.HubQuery;
import dev.changewire.hubs.entity.ProviderUnavailable;
import dev.changewire.instances.control.Instances;
import dev.changewire.platform.boundary.ErrorBody;
import dev.changewire.platform.boundary.PageSize;
import dev.changewire.platform.boundary.RequestId;
import dev.changewire.platform.control.ApiException;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.function.LongFunction;

/**
 * Cloud Elements' marketing hub: {@code GET /hubs/marketing/{campaigns|contacts|lists}[/{id}]} with
 * {@code Authorization: User .., Organization .., Element <instance token>}. An unknown or deleted
 * instance token, or one of another organization, is a 401; a disabled instance a 403. Every answer
 * about an instance carries {@code Elements-Element-Instance-Id}.
 */
@Path("hubs/marketing")
@Produces(MediaType.APPLICATION_JSON)
public class MarketingHubResource {

    public static final String INSTANCE_HEADER = "Elements-Element-Instance-Id";
    public static final String NEXT_PAGE_HEADER = "Elements-Next-Page-Token";

    @Inject
    Caller caller;

    @Inject
    Instances instances;

    @Inject
    HubReader hub;

    @Context
    HttpServletRequest request;

    @GET
    @Path("{resource}")
    public Response list(@PathParam("resource") String resource, @QueryParam("where") String where,
            @QueryParam("orderBy") String orderBy, @QueryParam("fields") String fields,
            @QueryParam("pageSize") String pageSize, @QueryParam("nextPage") String nextPage) {
        return answer(instanceId -> {
            HubPage page = hub.read(instanceId, resource, new HubQuery(where, orderBy, fields, pageSize(pageSize), nextPage));
            JsonArrayBuilder array = JSON.createArrayBuilder();
            page.records().forEach(array::add);
            Response.ResponseBuilder ok = Response.ok(array.build());
            if (page.nextPage() != null) {
                ok.header(NEXT_PAGE_HEADER, page.nextPage());
            }
            return ok;
        });
    }

    @GET
    @Path("{resource}/{id}")
    public Response one(@PathParam("resource") String resource, @PathParam("id") String id, @QueryParam("fields") String fields) {
        return answer(instanceId -> Response.ok(hub.readOne(instanceId, resource, id, fields)));
    }

    private Response answer(LongFunction<Response.ResponseBuilder> read) {
        long instanceId = instance();
        Response.ResponseBuilder response;
        try {
            response = read.apply(instanceId);
        } catch (ProviderUnavailable e) {
            HubErrors error = HubErrors.of(e, Instant.now());
            response = Response.fromResponse(ErrorBody.response(error.status(), error.message(), requestId(), error.providerMessage()));
            if (error.retryAfterSeconds() != null) {
                response.header("Retry-After", error.retryAfterSeconds());
            }
        } catch (ApiException e) {
            response = Response.fromResponse(ErrorBody.response(e.status(), e.getMessage(), requestId(), e.providerMessage()));
        }
        return response.header(INSTANCE_HEADER, instanceId).build();
    }

    /** The caller's instance named by the Element part of the Authorization header. */
    private long instance() {
        String token = caller.elementToken();
        if (token == null) {
            throw ApiException.unauthorized("Hub calls need 'Authorization: User <user secret>, Organization <organization secret>, "
                    + "Element <instance token>'");
        }
        return instances.usableByToken(token, caller.organizationId());
    }

    private static int pageSize(String pageSize) {
        return PageSize.parse(pageSize, HubReader.DEFAULT_PAGE_SIZE, HubReader.MAX_PAGE_SIZE);
    }

    private String requestId() {
        Object id = request == null ? null : request.getAttribute(RequestId.PROPERTY);
        return id == null ? null : id.toString();
    }
}
