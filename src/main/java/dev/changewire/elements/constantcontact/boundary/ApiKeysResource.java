package dev.changewire.elements.constantcontact.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.elements.constantcontact.control.ApiKeyBudgets;
import dev.changewire.elements.constantcontact.control.ApiKeyReport;
import dev.changewire.platform.control.Abbreviation;
import dev.changewire.platform.control.ApiException;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Constant Contact API keys (client ids): the ones the caller's organization uses, with their budgets and
 * the quota planner's view of their day; and, for a bootstrap admin, a key's own limits (a partner key's).
 */
@Path("elements/constantcontact/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeysResource {

    private static final Set<String> LIMIT_FIELDS = Set.of("requestsPerDay", "requestsPerSecond");

    @Inject
    Caller caller;

    @Inject
    ApiKeyReport report;

    @Inject
    ApiKeyBudgets budgets;

    @GET
    public JsonValue list() {
        JsonArrayBuilder keys = JSON.createArrayBuilder();
        report.keysOf(caller.organizationId()).forEach(keys::add);
        return keys.build();
    }

    @GET
    @Path("{clientId}/limits")
    public JsonObject limits(@PathParam("clientId") String clientId) {
        requireBootstrapAdmin();
        return report.limits(clientId);
    }

    /** Gives the key its own limits, for every organization's instances on it. */
    @PUT
    @Path("{clientId}/limits")
    public JsonObject setLimits(@PathParam("clientId") String clientId, JsonObject body) {
        requireBootstrapAdmin();
        if (body == null) {
            throw ApiException.badRequest("A JSON object body with requestsPerDay and requestsPerSecond is required");
        }
        for (String field : body.keySet()) {
            if (!LIMIT_FIELDS.contains(field)) {
                throw ApiException.badRequest("Unknown field '" + Abbreviation.of(field) + "': a key's limits are requestsPerDay and requestsPerSecond");
            }
        }
        budgets.set(clientId, integer(body, "requestsPerDay", ApiKeyBudgets.MAX_PER_DAY),
                integer(body, "requestsPerSecond", ApiKeyBudgets.MAX_PER_SECOND), caller.userId());
        return report.limits(clientId);
    }

    /** The key falls back to the configured limits, which are answered. */
    @DELETE
    @Path("{clientId}/limits")
    public JsonObject removeLimits(@PathParam("clientId") String clientId) {
        requireBootstrapAdmin();
        if (!budgets.remove(clientId)) {
            throw ApiException.notFound("API key " + Abbreviation.of(clientId) + " has no limits of its own");
        }
        return report.limits(clientId);
    }

    private void requireBootstrapAdmin() {
        if (!caller.isBootstrapAdmin()) {
            throw ApiException.forbidden("Only an admin of the bootstrap organization may see or set an API key's limits");
        }
    }

    private static int integer(JsonObject body, String field, int max) {
        JsonValue value = body.get(field);
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw ApiException.badRequest(field + " is required, a whole number from 1 to " + max);
        }
        // compared as a BigDecimal first: 1e400 or 2^64 must not wrap into range
        if (number.bigDecimalValue().compareTo(BigDecimal.ONE) < 0
                || number.bigDecimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ApiException.badRequest(field + " must be 1 to " + max + ", not " + Abbreviation.of(number.toString()));
        }
        return number.intValue();
    }
}
