package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.AccountBehaviour;
import static dev.changewire.platform.control.JsonProviders.JSON;
import dev.changewire.sandbox.control.Churn;
import dev.changewire.sandbox.control.ClientTraffic;
import dev.changewire.sandbox.control.Contacts;
import dev.changewire.sandbox.control.JsonBodies;
import dev.changewire.sandbox.control.OAuthServer;
import dev.changewire.sandbox.control.ProviderError;
import dev.changewire.sandbox.control.RecordWriter;
import dev.changewire.sandbox.control.SandboxAccounts;
import dev.changewire.sandbox.control.SandboxSettings;
import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * Test and demo control of the sandbox, under {@code /admin}, behind {@link SandboxAdminGate}; like the rest
 * of the sandbox it exists only with {@code changewire.sandbox.enabled=true}. Never part of
 * Constant Contact's API. See {@link SandboxApplication} for the list of calls.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxAdminResource {

    static final int MAX_CHURN_ROUNDS = 1000;

    @Inject
    SandboxAccounts accounts;

    @Inject
    RecordWriter writer;

    @Inject
    Churn churn;

    @Inject
    Contacts contacts;

    @Inject
    ClientTraffic traffic;

    @Inject
    OAuthServer oauth;

    @Inject
    SandboxSettings settings;

    @GET
    @Path("accounts")
    public String accounts() {
        JsonArrayBuilder names = JSON.createArrayBuilder();
        accounts.all().stream().map(a -> a.name()).sorted().forEach(names::add);
        return JSON.createObjectBuilder().add("accounts", names).build().toString();
    }

    /** Every record of the collection, deleted ones included, full bodies, in the V3 listing's order. */
    @GET
    @Path("accounts/{account}/{collection}")
    public String records(@PathParam("account") String account, @PathParam("collection") String collection) {
        RecordKind kind = kind(collection);
        var existing = accounts.existing(account).orElseThrow(() -> ProviderError.notFound("No sandbox account '" + account + "'"));
        Comparator<StoredRecord> order = kind == RecordKind.CAMPAIGNS
                ? Comparator.comparing(StoredRecord::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                : Comparator.comparing(StoredRecord::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(StoredRecord::id);
        JsonArrayBuilder records = JSON.createArrayBuilder();
        existing.all(kind).stream().sorted(order).forEach(r -> records.add(r.body()));
        return JSON.createObjectBuilder().add("records", records).build().toString();
    }

    @GET
    @Path("accounts/{account}/{collection}/{id}")
    public String record(@PathParam("account") String account, @PathParam("collection") String collection, @PathParam("id") String id) {
        RecordKind kind = kind(collection);
        var existing = accounts.existing(account).orElseThrow(() -> ProviderError.notFound("No sandbox account '" + account + "'"));
        return existing.find(kind, id).orElseThrow(() -> ProviderError.notFound("No record " + id + " in " + collection)).body().toString();
    }

    /** Writes the record as given (created_at, updated_at and deleted_at included); creates the account if needed. */
    @PUT
    @Path("accounts/{account}/{collection}/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String write(@PathParam("account") String account, @PathParam("collection") String collection, @PathParam("id") String id, String body) {
        RecordKind kind = kind(collection);
        JsonObject record = JsonBodies.object(body);
        return writer.write(accounts.account(accountName(account)), kind, id, record).body().toString();
    }

    /**
     * A hard delete: the record leaves every listing ({@code status=all} included) and reading it
     * answers 404, with no {@code deleted_at} left behind. Answers 204, or 404 when there is no such record.
     */
    @DELETE
    @Path("accounts/{account}/{collection}/{id}")
    public Response erase(@PathParam("account") String account, @PathParam("collection") String collection, @PathParam("id") String id) {
        RecordKind kind = kind(collection);
        var existing = accounts.existing(account).orElseThrow(() -> ProviderError.notFound("No sandbox account '" + account + "'"));
        if (existing.remove(kind, id).isEmpty()) {
            throw ProviderError.notFound("No record " + id + " in " + collection);
        }
        return Response.noContent().build();
    }

    /**
     * The contact unsubscribes (as through a link in a campaign): its email address's permission becomes
     * unsubscribed and the contact's {@code updated_at} does not move. Answers the contact.
     */
    @POST
    @Path("accounts/{account}/contacts/{id}/unsubscribe")
    public String unsubscribe(@PathParam("account") String account, @PathParam("id") String id) {
        var existing = accounts.existing(account).orElseThrow(() -> ProviderError.notFound("No sandbox account '" + account + "'"));
        return contacts.unsubscribe(existing, id).body().toString();
    }

    /** Runs {@code rounds} random changes in the account, as the churn timer does; answers what changed. */
    @POST
    @Path("accounts/{account}/churn")
    public String churn(@PathParam("account") String account, @QueryParam("rounds") @DefaultValue("1") int rounds) {
        if (rounds < 1 || rounds > MAX_CHURN_ROUNDS) {
            throw ProviderError.invalidParameter("rounds must be 1 to " + MAX_CHURN_ROUNDS);
        }
        var target = accounts.account(accountName(account));
        JsonArrayBuilder changes = JSON.createArrayBuilder();
        for (int i = 0; i < rounds; i++) {
            changes.add(churn.round(target));
        }
        return JSON.createObjectBuilder().add("changes", changes).build().toString();
    }

    @GET
    @Path("clients/{clientId}/limits")
    public String limits(@PathParam("clientId") String clientId) {
        return limitsView(clientId);
    }

    /** {@code {"requestsPerSecond": n, "requestsPerDay": n, "tokenRequestsPerSecond": n}}; a field left out keeps its current value. */
    @PUT
    @Path("clients/{clientId}/limits")
    @Consumes(MediaType.APPLICATION_JSON)
    public String limits(@PathParam("clientId") String clientId, String body) {
        JsonObject limits = JsonBodies.object(body);
        Integer perSecond = JsonBodies.optionalInt(limits, "", "requestsPerSecond");
        Integer perDay = JsonBodies.optionalInt(limits, "", "requestsPerDay");
        Integer tokenPerSecond = JsonBodies.optionalInt(limits, "", "tokenRequestsPerSecond");
        if (tokenPerSecond != null && tokenPerSecond < 1) {
            throw ProviderError.invalidField("The field 'tokenRequestsPerSecond' must be at least 1");
        }
        if (perSecond != null && perSecond < 1) {
            throw ProviderError.invalidField("The field 'requestsPerSecond' must be at least 1");
        }
        if (perDay != null && perDay < 0) {
            throw ProviderError.invalidField("The field 'requestsPerDay' must be 0 or more");
        }
        var current = traffic.limits(clientId);
        traffic.limits(clientId, new ClientTraffic.Limits(perSecond != null ? perSecond : current.requestsPerSecond(),
                perDay != null ? perDay : current.requestsPerDay(),
                tokenPerSecond != null ? tokenPerSecond : current.tokenRequestsPerSecond()));
        return limitsView(clientId);
    }

    /** Back to the configured limits. */
    @DELETE
    @Path("clients/{clientId}/limits")
    public String resetLimits(@PathParam("clientId") String clientId) {
        traffic.limits(clientId, null);
        return limitsView(clientId);
    }

    /** Resets the client's count of requests served today (as 00:00 UTC does). */
    @DELETE
    @Path("clients/{clientId}/requests-today")
    public Response resetDay(@PathParam("clientId") String clientId) {
        traffic.resetDay(clientId);
        return Response.noContent().build();
    }

    /**
     * {@code {"by": "P181D"}}: the client's refresh tokens for the account look unused for that much longer, so
     * a test sees Constant Contact's expiry of unused refresh tokens without waiting for it.
     */
    @POST
    @Path("clients/{clientId}/accounts/{account}/refresh-tokens/age")
    @Consumes(MediaType.APPLICATION_JSON)
    public String age(@PathParam("clientId") String clientId, @PathParam("account") String account, String body) {
        JsonObject request = JsonBodies.object(body);
        Duration by;
        try {
            by = Duration.parse(request.getString("by", ""));
        } catch (RuntimeException e) {
            throw ProviderError.invalidField("The field 'by' must be an ISO-8601 duration such as P181D");
        }
        if (by.isNegative() || by.compareTo(Duration.ofDays(3650)) > 0) {
            throw ProviderError.invalidField("The field 'by' must be 0 to 3650 days");
        }
        return JSON.createObjectBuilder().add("aged", oauth.ageRefreshTokens(clientId, account, by)).build().toString();
    }

    /** Revokes every refresh token the client holds for the account: its next refresh gets invalid_grant. */
    @DELETE
    @Path("clients/{clientId}/accounts/{account}/refresh-tokens")
    public String revoke(@PathParam("clientId") String clientId, @PathParam("account") String account) {
        return JSON.createObjectBuilder().add("revoked", oauth.revokeRefreshTokens(clientId, account)).build().toString();
    }

    /** The provider behaviours the account is switched to ({@link AccountBehaviour}). */
    @GET
    @Path("accounts/{account}/behaviour")
    public String behaviour(@PathParam("account") String account) {
        return behaviourView(accounts.account(accountName(account)).behaviour());
    }

    /**
     * {@code {"secondPrecision": true, "indexLag": "PT5S", "foreignNextLinks": false, "latency": "PT0.5S", "nextPagesFail": false}}: switches the account's
     * behaviours; a field left out keeps its value.
     */
    @PUT
    @Path("accounts/{account}/behaviour")
    @Consumes(MediaType.APPLICATION_JSON)
    public String behave(@PathParam("account") String account, String body) {
        var target = accounts.account(accountName(account));
        JsonObject o = JsonBodies.object(body);
        AccountBehaviour current = target.behaviour();
        Boolean precision = JsonBodies.optionalBoolean(o, "", "secondPrecision");
        Boolean foreign = JsonBodies.optionalBoolean(o, "", "foreignNextLinks");
        Boolean nextPagesFail = JsonBodies.optionalBoolean(o, "", "nextPagesFail");
        String lagText = JsonBodies.optionalString(o, "", "indexLag", 64);
        Duration lag = current.indexLag();
        if (lagText != null) {
            try {
                lag = Duration.parse(lagText);
            } catch (DateTimeParseException e) {
                throw ProviderError.invalidField("The field 'indexLag' must be an ISO-8601 duration such as PT5S, not '" + lagText + "'");
            }
        }
        Duration latency = duration(o, "latency", current.latency());
        AccountBehaviour next = new AccountBehaviour(precision != null ? precision : current.secondPrecision(), lag,
                foreign != null ? foreign : current.foreignNextLinks(), latency,
                nextPagesFail != null ? nextPagesFail : current.nextPagesFail());
        target.behave(next);
        return behaviourView(next);
    }

    private static String behaviourView(AccountBehaviour b) {
        return JSON.createObjectBuilder().add("secondPrecision", b.secondPrecision()).add("indexLag", b.indexLag().toString())
                .add("foreignNextLinks", b.foreignNextLinks()).add("latency", b.latency().toString())
                .add("nextPagesFail", b.nextPagesFail()).build().toString();
    }

    private static Duration duration(JsonObject o, String field, Duration current) {
        String text = JsonBodies.optionalString(o, "", field, 64);
        if (text == null) {
            return current;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ProviderError.invalidField("The field '" + field + "' must be an ISO-8601 duration such as PT0.5S, not '" + text + "'");
        }
    }

    @GET
    @Path("access-token-lifetime")
    public String lifetime() {
        return lifetimeView();
    }

    /** {@code {"lifetime": "PT2S"}}: the lifetime of access tokens issued from now on. */
    @PUT
    @Path("access-token-lifetime")
    @Consumes(MediaType.APPLICATION_JSON)
    public String lifetime(String body) {
        String text = JsonBodies.requiredString(JsonBodies.object(body), "", "lifetime", 64);
        Duration lifetime;
        try {
            lifetime = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw ProviderError.invalidField("The field 'lifetime' must be an ISO-8601 duration such as PT24H, not '" + text + "'");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw ProviderError.invalidField("The field 'lifetime' must be positive");
        }
        settings.accessTokenLifetime(lifetime);
        return lifetimeView();
    }

    /** Back to {@code changewire.sandbox.access-token-lifetime}. */
    @DELETE
    @Path("access-token-lifetime")
    public String resetLifetime() {
        settings.accessTokenLifetime(null);
        return lifetimeView();
    }

    private String lifetimeView() {
        return JSON.createObjectBuilder().add("lifetime", settings.accessTokenLifetime().toString()).build().toString();
    }

    private String limitsView(String clientId) {
        var limits = traffic.limits(clientId);
        return JSON.createObjectBuilder().add("requestsPerSecond", limits.requestsPerSecond())
                .add("requestsPerDay", limits.requestsPerDay()).add("tokenRequestsPerSecond", limits.tokenRequestsPerSecond())
                .build().toString();
    }

    private static RecordKind kind(String collection) {
        return RecordKind.ofPath(collection)
                .orElseThrow(() -> ProviderError.notFound("No collection '" + collection + "': use emails, contacts or contact_lists"));
    }

    private static String accountName(String account) {
        if (!account.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ProviderError.invalidParameter("The account name must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return account;
    }
}
