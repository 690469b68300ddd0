package dev.changewire.instances.boundary;

import dev.changewire.platform.control.Abbreviation;
import static dev.changewire.platform.control.JsonProviders.JSON;
import dev.changewire.platform.boundary.PageSize;
import dev.changewire.instances.control.InstanceFields;
import dev.changewire.instances.control.InstanceProvisioning;
import dev.changewire.instances.control.Instances;
import dev.changewire.instances.control.PageTokens;
import dev.changewire.platform.control.ApiException;
import dev.changewire.tenancy.control.Caller;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/** Cloud Elements' element instance calls, scoped to the caller's organization. */
@Path("instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InstancesResource {

    public static final String NEXT_PAGE_HEADER = "Elements-Next-Page-Token";
    static final int DEFAULT_PAGE_SIZE = 200;
    static final int MAX_PAGE_SIZE = 500;

    @Inject
    Caller caller;

    @Inject
    Instances instances;

    @Inject
    InstanceProvisioning provisioning;

    @Inject
    PageTokens pageTokens;

    @Inject
    @Any
    Instance<InstanceFields> fields;

    @POST
    public JsonObject create(JsonObject body) {
        return InstanceJson.of(provisioning.create(caller.organizationId(), caller.userId(), null, body));
    }

    @GET
    public Response list(@QueryParam("tags[]") List<String> tagsBracketed, @QueryParam("tags") List<String> tags,
            @QueryParam("pageSize") String pageSize, @QueryParam("nextPage") String nextPage) {
        long organizationId = caller.organizationId();
        int size = pageSize(pageSize);
        long after = nextPage == null || nextPage.isBlank() ? 0 : pageTokens.after(organizationId, nextPage);
        List<String> wanted = new ArrayList<>();
        if (tagsBracketed != null) {
            wanted.addAll(tagsBracketed);
        }
        if (tags != null) {
            wanted.addAll(tags);
        }
        Instances.Page page = instances.list(organizationId, wanted, after, size);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        page.instances().forEach(v -> array.add(InstanceJson.of(v)));
        Response.ResponseBuilder response = Response.ok(array.build());
        if (page.lastId() != null) {
            response.header(NEXT_PAGE_HEADER, pageTokens.next(organizationId, page.lastId()));
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        long instanceId = id(id);
        JsonObjectBuilder json = JSON.createObjectBuilder(InstanceJson.of(instances.view(caller.organizationId(), instanceId)));
        fields.forEach(f -> f.addTo(instanceId, json));
        return json.build();
    }

    @PUT
    @Path("{id}")
    public JsonObject replace(@PathParam("id") String id, JsonObject body) {
        long organizationId = caller.organizationId();
        return InstanceJson.of(provisioning.replace(organizationId, id(id), body));
    }

    @PATCH
    @Path("{id}")
    public JsonObject patch(@PathParam("id") String id, JsonObject body) {
        long organizationId = caller.organizationId();
        return InstanceJson.of(provisioning.patch(organizationId, id(id), body));
    }

    @DELETE
    @Path("{id}")
    public JsonObject delete(@PathParam("id") String id) {
        long instanceId = id(id);
        instances.delete(caller.organizationId(), instanceId);
        return JSON.createObjectBuilder().add("id", instanceId).add("deleted", true).build();
    }

    @GET
    @Path("{id}/configuration")
    public JsonValue configuration(@PathParam("id") String id) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        instances.configuration(caller.organizationId(), id(id)).forEach(item -> array.add(InstanceJson.of(item)));
        return array.build();
    }

    @GET
    @Path("{id}/configuration/{configId}")
    public JsonObject configurationEntry(@PathParam("id") String id, @PathParam("configId") String configId) {
        return InstanceJson.of(instances.configurationEntry(caller.organizationId(), id(id), configId(configId)));
    }

    @PATCH
    @Path("{id}/configuration/{configId}")
    public JsonObject patchConfigurationEntry(@PathParam("id") String id, @PathParam("configId") String configId, JsonObject body) {
        long organizationId = caller.organizationId();
        long instanceId = id(id);
        long entryId = configId(configId);
        provisioning.patchEntry(organizationId, instanceId, entryId, body);
        return InstanceJson.of(instances.configurationEntry(organizationId, instanceId, entryId));
    }

    @PUT
    @Path("{id}/enabled")
    public JsonObject enable(@PathParam("id") String id) {
        return InstanceJson.of(instances.setDisabled(caller.organizationId(), id(id), false));
    }

    @DELETE
    @Path("{id}/enabled")
    public JsonObject disable(@PathParam("id") String id) {
        return InstanceJson.of(instances.setDisabled(caller.organizationId(), id(id), true));
    }

    static long id(String id) {
        return parseId(id, "Element instance ");
    }

    static long configId(String id) {
        return parseId(id, "Configuration ");
    }

    private static long parseId(String id, String what) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound(what + Abbreviation.of(id) + " does not exist");
        }
    }

    static int pageSize(String pageSize) {
        return PageSize.parse(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }
}
