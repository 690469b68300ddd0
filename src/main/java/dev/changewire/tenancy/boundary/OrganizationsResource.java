package dev.changewire.tenancy.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import dev.changewire.tenancy.control.Caller;
import dev.changewire.tenancy.control.Organizations;
import dev.changewire.tenancy.entity.Role;
import dev.changewire.tenancy.entity.User;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** Organizations and the caller's organization's users. */
@Path("organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationsResource {

    @Inject
    Caller caller;

    @Inject
    Organizations organizations;

    /** Only an admin of the bootstrap organization creates organizations. */
    @POST
    public Response create(JsonObject body) {
        if (!caller.isBootstrapAdmin()) {
            throw ApiException.forbidden("Only an admin of the bootstrap organization may create organizations");
        }
        requireBody(body);
        String name = string(body, "name");
        JsonObject user = body.containsKey("user") && body.get("user").getValueType() == JsonValue.ValueType.OBJECT
                ? body.getJsonObject("user") : JsonValue.EMPTY_JSON_OBJECT;
        String email = string(user, "emailAddress");
        var details = new Organizations.UserDetails(
                email == null ? "admin@" + slug(name) + ".changewire.local" : email,
                string(user, "firstName"), string(user, "lastName"), Role.ADMIN);
        var created = organizations.create(name, details);
        JsonObject json = JSON.createObjectBuilder()
                .add("id", created.organization().getId())
                .add("name", created.organization().getName())
                .add("secret", created.secret())
                .add("user", userJson(created.admin().user()).add("secret", created.admin().secret()))
                .build();
        return Response.ok(json).build();
    }

    @GET
    @Path("users")
    public JsonValue users() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        organizations.users(caller.organizationId()).forEach(u -> array.add(userJson(u)));
        return array.build();
    }

    @POST
    @Path("users")
    public Response addUser(JsonObject body) {
        caller.requireAdmin();
        requireBody(body);
        Role role = Role.USER;
        String roleName = string(body, "role");
        if (roleName != null) {
            try {
                role = Role.valueOf(roleName.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("role must be 'admin' or 'user', got '" + Abbreviation.of(roleName) + "'");
            }
        }
        var created = organizations.addUser(caller.organizationId(), new Organizations.UserDetails(
                string(body, "emailAddress"), string(body, "firstName"), string(body, "lastName"), role));
        return Response.ok(userJson(created.user()).add("secret", created.secret()).build()).build();
    }

    @DELETE
    @Path("users/{id}")
    public Response removeUser(@PathParam("id") String id) {
        caller.requireAdmin();
        organizations.removeUser(caller.organizationId(), parseId(id), caller.userId());
        return Response.ok(JSON.createObjectBuilder().add("id", parseId(id)).add("deleted", true).build()).build();
    }

    static JsonObjectBuilder userJson(User u) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", u.getId())
                .add("emailAddress", u.getEmailAddress())
                .add("role", u.getRole().name().toLowerCase(Locale.ROOT))
                .add("createdDate", u.getCreatedAt().toString());
        b.add("firstName", u.getFirstName() == null ? JsonValue.NULL : JSON.createValue(u.getFirstName()));
        b.add("lastName", u.getLastName() == null ? JsonValue.NULL : JSON.createValue(u.getLastName()));
        return b;
    }

    static void requireBody(JsonObject body) {
        if (body == null) {
            throw ApiException.badRequest("A JSON object body is required");
        }
    }

    static String string(JsonObject body, String key) {
        if (!body.containsKey(key) || body.isNull(key)) {
            return null;
        }
        JsonValue v = body.get(key);
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiException.badRequest(key + " must be a string");
        }
        return body.getString(key);
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("User " + Abbreviation.of(id) + " does not exist");
        }
    }

    static String slug(String name) {
        String s = name == null ? "org" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "org" : s;
    }
}
