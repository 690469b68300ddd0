package dev.changewire.it;

import static dev.changewire.it.QueryStrings.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The marketing hub over HTTP against the Constant Contact sandbox: instances made through the OAuth
 * flow, reads with and without CEQL, paging, deletions, token refresh and rotation, invalid_grant, the
 * shared per-API-key rate limit and the daily quota pause, and the instance token's authority.
 * Every test uses its own Constant Contact app (client id) and sandbox account, so limits and data of
 * one never touch another (nor data left from earlier runs).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubIT {

    static final String HUB = "/elements/api-v2/hubs/marketing/";
    static final String INSTANCES = "/elements/api-v2/instances";
    static final String SANDBOX = "/sandbox/constantcontact/";
    static final String CALLBACK = "https://app.example.com/oauth/callback";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.changewire();
    }

    @ArquillianResource
    URL deployment;

    record App(String clientId, String clientSecret) {
        static App fresh() {
            return new App("hub-cid-" + UUID.randomUUID(), "hub-secret-" + UUID.randomUUID());
        }
    }

    /** An instance and what a hub call needs: its id, token and sandbox account. */
    record Connected(long id, String token, String account, App app) {
    }

    Api admin() {
        return new Api(deployment).asBootstrapAdmin();
    }

    Api sandbox() {
        return new Api(deployment);
    }

    Api hub(String token) {
        return admin().withAuthorization("User " + Api.BOOTSTRAP_USER + ", Organization " + Api.BOOTSTRAP_ORGANIZATION + ", Element " + token);
    }

    String code(App app, String account) {
        var redirect = sandbox().get(SANDBOX + "oauth2/default/v1/authorize?client_id=" + enc(app.clientId()) + "&redirect_uri=" + enc(CALLBACK)
                + "&response_type=code&scope=" + enc("contact_data campaign_data offline_access") + "&state=s&account=" + enc(account));
        assertEquals(302, redirect.status(), redirect::toString);
        String query = URI.create(redirect.header("Location")).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + redirect.header("Location"));
    }

    String body(App app, String code, String name) {
        return Json.createObjectBuilder()
                .add("element", Json.createObjectBuilder().add("key", "constantcontact"))
                .add("providerData", Json.createObjectBuilder().add("code", code))
                .add("configuration", Json.createObjectBuilder()
                        .add("oauth.api.key", app.clientId())
                        .add("oauth.api.secret", app.clientSecret())
                        .add("oauth.callback.url", CALLBACK)
                        .add("event.notification.enabled", "false"))
                .add("name", name)
                .add("tags", Json.createArrayBuilder().add("hub-it"))
                .build().toString();
    }

    Connected connect(App app, String account) {
        var created = admin().post(INSTANCES, body(app, code(app, account), "hub " + account));
        assertEquals(200, created.status(), created::toString);
        return new Connected(created.json().getJsonNumber("id").longValue(), created.json().getString("token"), account, app);
    }

    static String account() {
        return "hub-" + UUID.randomUUID().toString().substring(0, 18);
    }

    JsonObject stats(App app) {
        var stats = sandbox().get(SANDBOX + "stats/" + enc(app.clientId()));
        assertEquals(200, stats.status(), stats::toString);
        return stats.json();
    }

    void put(String account, String collection, String id, JsonObject record) {
        var written = sandbox().put(SANDBOX + "admin/accounts/" + account + "/" + collection + "/" + id, record.toString());
        assertEquals(200, written.status(), written::toString);
    }

    static List<String> ids(JsonArray records) {
        return records.getValuesAs(JsonObject.class).stream().map(r -> r.getString("id")).toList();
    }

    /** Every page of a hub listing, following the next-page tokens (at most 100 pages). */
    List<JsonObject> all(Api api, String resource, String query) {
        List<JsonObject> records = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 100; page++) {
            var reply = api.get(HUB + resource + "?" + query + (token == null ? "" : "&nextPage=" + enc(token)));
            assertEquals(200, reply.status(), reply::toString);
            records.addAll(reply.array().getValuesAs(JsonObject.class));
            token = reply.header("Elements-Next-Page-Token");
            if (token == null) {
                return records;
            }
        }
        throw new AssertionError("more than 100 pages");
    }

    @Test
    @Order(1)
    void everyResourceWithAndWithoutWhere() {
        Connected c = connect(App.fresh(), account());
        Api api = hub(c.token());

        var campaigns = api.get(HUB + "campaigns");
        assertEquals(200, campaigns.status(), campaigns::toString);
        assertEquals(Long.toString(c.id()), campaigns.header("Elements-Element-Instance-Id"));
        assertNull(campaigns.header("Elements-Next-Page-Token"));
        JsonArray seeded = campaigns.array();
        assertEquals(3, seeded.size(), campaigns::toString);
        for (JsonObject campaign : seeded.getValuesAs(JsonObject.class)) {
            assertEquals(campaign.getString("campaign_id"), campaign.getString("id"));
            assertEquals(campaign.getString("current_status"), campaign.getString("status"));
            assertNotNull(Instant.parse(campaign.getString("created_date")));
            assertEquals(Instant.parse(campaign.getString("updated_at")), Instant.parse(campaign.getString("modified_date")));
            assertFalse(campaign.containsKey("deleted_date"));
        }
        var drafts = api.get(HUB + "campaigns?where=" + enc("status = 'Draft'"));
        assertEquals(200, drafts.status(), drafts::toString);
        assertEquals(List.of("Spring sale"), drafts.array().getValuesAs(JsonObject.class).stream().map(r -> r.getString("name")).toList());

        var contacts = api.get(HUB + "contacts?orderBy=" + enc("first_name desc") + "&fields=" + enc("id,first_name,email_address.address"));
        assertEquals(200, contacts.status(), contacts::toString);
        List<String> names = contacts.array().getValuesAs(JsonObject.class).stream().map(r -> r.getString("first_name")).toList();
        assertEquals(List.of("Grace", "Edsger", "Barbara", "Alan", "Ada"), names);
        JsonObject first = contacts.array().getJsonObject(0);
        assertEquals(Set.of("id", "first_name", "email_address"), first.keySet());
        assertEquals(Set.of("address"), first.getJsonObject("email_address").keySet());

        var ada = api.get(HUB + "contacts?where=" + enc("email = 'ada@example.com' OR (`email_address.address` LIKE 'alan%' AND status != 'deleted')"));
        assertEquals(200, ada.status(), ada::toString);
        assertEquals(Set.of("Ada", "Alan"), new HashSet<>(ada.array().getValuesAs(JsonObject.class).stream().map(r -> r.getString("first_name")).toList()));
        var unsubscribed = api.get(HUB + "contacts?where=" + enc("status='unsubscribed'"));
        assertEquals(List.of("Barbara"), unsubscribed.array().getValuesAs(JsonObject.class).stream().map(r -> r.getString("first_name")).toList());

        var lists = api.get(HUB + "lists");
        assertEquals(200, lists.status(), lists::toString);
        assertEquals(2, lists.array().size());
        var customers = api.get(HUB + "lists?where=" + enc("name = 'Customers' AND modified_date >= '2000-01-01T00:00:00.000+00:00'"));
        assertEquals(200, customers.status(), customers::toString);
        assertEquals(1, customers.array().size());
        String listId = customers.array().getJsonObject(0).getString("id");
        assertEquals("active", customers.array().getJsonObject(0).getString("status"));

        var one = api.get(HUB + "lists/" + listId);
        assertEquals(200, one.status(), one::toString);
        assertEquals("Customers", one.json().getString("name"));
        assertEquals(listId, one.json().getString("id"));
        assertEquals(Long.toString(c.id()), one.header("Elements-Element-Instance-Id"));
        var missing = api.get(HUB + "contacts/" + UUID.randomUUID());
        assertEquals(404, missing.status(), missing::toString);
        assertNotNull(missing.json().getString("providerMessage"));
        assertEquals(Long.toString(c.id()), missing.header("Elements-Element-Instance-Id"));

        // the Element token never stands in for the organization secret (issue 10, item 2)
        var short_ = admin().withAuthorization("User " + Api.BOOTSTRAP_USER + ", Element " + c.token()).get(HUB + "lists");
        assertEquals(401, short_.status(), short_::toString);
        assertTrue(short_.message().contains("Organization"), short_::toString);
        var wrongOrganization = admin().withAuthorization("User " + Api.BOOTSTRAP_USER + ", Organization wrong-organization-secret, Element "
                + c.token()).get(HUB + "lists");
        assertEquals(401, wrongOrganization.status(), wrongOrganization::toString);

        // bad input: clear 400s (404 for an unknown resource)
        var syntax = api.get(HUB + "contacts?where=" + enc("first_name = 'Ada"));
        assertEquals(400, syntax.status(), syntax::toString);
        assertTrue(syntax.json().getString("message").contains("position"), syntax::toString);
        assertEquals(Long.toString(c.id()), syntax.header("Elements-Element-Instance-Id"));
        assertEquals(400, api.get(HUB + "contacts?pageSize=0").status());
        assertEquals(400, api.get(HUB + "contacts?pageSize=501").status());
        assertEquals(400, api.get(HUB + "contacts?pageSize=ten").status());
        assertEquals(400, api.get(HUB + "contacts?orderBy=" + enc("first_name sideways")).status());
        assertEquals(400, api.get(HUB + "contacts?nextPage=forged").status());
        assertEquals(404, api.get(HUB + "accounts").status());
        var noElement = admin().get(HUB + "contacts");
        assertEquals(401, noElement.status(), noElement::toString);
    }

    @Test
    @Order(2)
    void pagingThroughProviderPagesWithDeletedRecords() {
        Connected c = connect(App.fresh(), account());
        Api api = hub(c.token());
        // 520 more contacts (Constant Contact's largest page is 500), one of them deleted; and a removed campaign
        Instant base = Instant.parse("2021-03-01T00:00:00Z");
        String deletedId = null;
        for (int i = 0; i < 520; i++) {
            String id = UUID.randomUUID().toString();
            var record = Json.createObjectBuilder()
                    .add("email_address", Json.createObjectBuilder().add("address", "p" + i + "@example.com").add("permission_to_send", "implicit"))
                    .add("first_name", "P" + i)
                    .add("created_at", base.plusSeconds(i).toString())
                    .add("updated_at", base.plusSeconds(i).toString());
            if (i == 7) {
                record.add("deleted_at", base.plusSeconds(3600).toString());
                deletedId = id;
            }
            put(c.account(), "contacts", id, record.build());
        }
        String removedId = UUID.randomUUID().toString();
        put(c.account(), "emails", removedId, Json.createObjectBuilder().add("name", "Gone").add("current_status", "Removed")
                .add("created_at", "2021-01-01T00:00:00Z").add("updated_at", "2021-02-02T10:00:00Z").build());

        // the seed's poll: modified_since pushes down (status=all) and pages through two provider pages
        long before = stats(c.app()).getJsonNumber("requestsServed").longValue();
        List<JsonObject> polled = all(api, "contacts", "pageSize=200&where=" + enc("modified_since='2020-01-01T00:00:00Z'"));
        assertEquals(525, polled.size());
        assertEquals(525, new HashSet<>(polled.stream().map(r -> r.getString("id")).toList()).size(), "no record twice");
        long calls = stats(c.app()).getJsonNumber("requestsServed").longValue() - before;
        assertTrue(calls >= 2, "more than one provider page: " + calls);
        String deleted = deletedId;
        JsonObject gone = polled.stream().filter(r -> r.getString("id").equals(deleted)).findFirst().orElseThrow();
        assertEquals("deleted", gone.getString("status"));
        assertEquals(base.plusSeconds(3600), Instant.parse(gone.getString("deleted_date")));

        // without a filter Constant Contact leaves deleted contacts out; small pages follow its cursors
        List<JsonObject> active = all(api, "contacts", "pageSize=150");
        assertEquals(524, active.size());
        assertTrue(active.stream().noneMatch(r -> r.getString("id").equals(deleted)));
        List<JsonObject> deletedOnly = all(api, "contacts", "where=" + enc("deleted_date IS NOT NULL"));
        assertEquals(List.of(deleted), deletedOnly.stream().map(r -> r.getString("id")).toList());

        // a residual filter over several pages, with a page boundary inside a provider page
        List<JsonObject> window = all(api, "contacts", "pageSize=7&where=" + enc("first_name LIKE 'P1%' AND created_date < '2021-03-01T00:02:00Z'"));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            if (Integer.toString(i).startsWith("1") && i != 7) {
                expected.add("P" + i);
            }
        }
        assertEquals(expected, new HashSet<>(window.stream().map(r -> r.getString("first_name")).toList()));
        assertEquals(expected.size(), window.size());

        var campaigns = api.get(HUB + "campaigns?where=" + enc("deleted_date IS NOT NULL"));
        assertEquals(200, campaigns.status(), campaigns::toString);
        assertEquals(List.of(removedId), ids(campaigns.array()));
        assertEquals(Instant.parse("2021-02-02T10:00:00Z"), Instant.parse(campaigns.array().getJsonObject(0).getString("deleted_date")));
        assertEquals("Removed", campaigns.array().getJsonObject(0).getString("status"));

        // the next-page token is bound to its instance and query
        var firstPage = api.get(HUB + "contacts?pageSize=2&where=" + enc("modified_since='2020-01-01T00:00:00Z'"));
        String token = firstPage.header("Elements-Next-Page-Token");
        assertNotNull(token);
        var otherWhere = api.get(HUB + "contacts?pageSize=2&nextPage=" + enc(token) + "&where=" + enc("modified_since='2020-01-02T00:00:00Z'"));
        assertEquals(400, otherWhere.status(), otherWhere::toString);
        var otherResource = api.get(HUB + "lists?pageSize=2&nextPage=" + enc(token) + "&where=" + enc("modified_since='2020-01-01T00:00:00Z'"));
        assertEquals(400, otherResource.status(), otherResource::toString);
        Connected other = connect(c.app(), c.account());
        var otherInstance = hub(other.token()).get(HUB + "contacts?pageSize=2&nextPage=" + enc(token) + "&where=" + enc("modified_since='2020-01-01T00:00:00Z'"));
        assertEquals(400, otherInstance.status(), otherInstance::toString);
        var tampered = api.get(HUB + "contacts?pageSize=2&nextPage=" + enc(token.substring(0, token.length() - 2) + "AA") + "&where="
                + enc("modified_since='2020-01-01T00:00:00Z'"));
        assertEquals(400, tampered.status(), tampered::toString);
        var second = api.get(HUB + "contacts?pageSize=2&nextPage=" + enc(token) + "&where=" + enc("modified_since='2020-01-01T00:00:00Z'"));
        assertEquals(200, second.status(), second::toString);
        assertEquals(2, second.array().size());
        assertTrue(new HashSet<>(ids(second.array())).stream().noneMatch(ids(firstPage.array())::contains));
    }

    @Test
    @Order(3)
    void accessTokensAreRefreshedAndRotated() throws Exception {
        var lifetime = sandbox().put(SANDBOX + "admin/access-token-lifetime", "{\"lifetime\":\"PT3S\"}");
        assertEquals(200, lifetime.status(), lifetime::toString);
        try {
            Connected c = connect(App.fresh(), account());
            Api api = hub(c.token());
            for (int round = 0; round < 3; round++) {
                // each round outlives the access token: every round refreshes, spending the refresh token the last one stored
                Thread.sleep(3500);
                var reply = api.get(HUB + "lists");
                assertEquals(200, reply.status(), () -> "round " + reply);
            }
            // many callers at once after expiry: one refresh, the others use its token (no burned refresh token)
            Thread.sleep(3500);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    replies.add(pool.submit(() -> api.get(HUB + "campaigns")));
                }
                for (Future<Api.Reply> reply : replies) {
                    assertEquals(200, reply.get().status(), () -> reply.toString());
                }
            } finally {
                pool.shutdownNow();
            }
            Thread.sleep(3500);
            assertEquals(200, api.get(HUB + "contacts").status());
            var instance = admin().get(INSTANCES + "/" + c.id());
            assertTrue(instance.json().getBoolean("valid"), instance::toString);
        } finally {
            sandbox().delete(SANDBOX + "admin/access-token-lifetime");
        }
    }

    @Test
    @Order(4)
    void invalidGrantMarksTheInstanceInvalidUntilReprovisioned() throws Exception {
        App app = App.fresh();
        String account = account();
        var lifetime = sandbox().put(SANDBOX + "admin/access-token-lifetime", "{\"lifetime\":\"PT2S\"}");
        assertEquals(200, lifetime.status(), lifetime::toString);
        Connected c;
        try {
            c = connect(app, account);
        } finally {
            sandbox().delete(SANDBOX + "admin/access-token-lifetime");
        }
        Api api = hub(c.token());
        assertEquals(200, api.get(HUB + "lists").status());
        var revoked = sandbox().delete(SANDBOX + "admin/clients/" + enc(app.clientId()) + "/accounts/" + account + "/refresh-tokens");
        assertEquals(200, revoked.status(), revoked::toString);
        Thread.sleep(2500);

        var refused = api.get(HUB + "lists");
        assertEquals(401, refused.status(), refused::toString);
        assertTrue(refused.json().getString("message").contains("re-provision"), refused::toString);
        assertTrue(refused.json().getString("providerMessage").contains("invalid_grant"), refused::toString);
        var instance = admin().get(INSTANCES + "/" + c.id());
        assertFalse(instance.json().getBoolean("valid"), instance::toString);
        assertTrue(instance.json().getString("validationReason").contains("invalid_grant"), instance::toString);
        // it stays refused without another token call
        assertEquals(401, api.get(HUB + "contacts").status());

        // re-provisioning with a new code makes it valid again
        var patched = admin().patch(INSTANCES + "/" + c.id(), Json.createObjectBuilder()
                .add("providerData", Json.createObjectBuilder().add("code", code(app, account))).build().toString());
        assertEquals(200, patched.status(), patched::toString);
        assertTrue(patched.json().getBoolean("valid"), patched::toString);
        var again = hub(patched.json().getString("token")).get(HUB + "lists");
        assertEquals(200, again.status(), again::toString);
    }

    @Test
    @Order(5)
    void disabledInstanceIs403DeletedOrForeignTokenIs401() {
        Connected c = connect(App.fresh(), account());
        Api api = hub(c.token());
        assertEquals(200, api.get(HUB + "campaigns").status());
        assertEquals(200, admin().delete(INSTANCES + "/" + c.id() + "/enabled").status());
        var disabled = api.get(HUB + "campaigns");
        assertEquals(403, disabled.status(), disabled::toString);
        assertEquals(200, admin().put(INSTANCES + "/" + c.id() + "/enabled", null).status());
        assertEquals(200, api.get(HUB + "campaigns").status());

        // another organization's caller cannot use this instance's token
        var org = admin().post("/elements/api-v2/organizations", "{\"name\":\"hub-other-" + UUID.randomUUID() + "\"}");
        assertEquals(200, org.status(), org::toString);
        Api stranger = new Api(deployment).withAuthorization("User " + org.json().getJsonObject("user").getString("secret")
                + ", Organization " + org.json().getString("secret") + ", Element " + c.token());
        assertEquals(401, stranger.get(HUB + "campaigns").status());

        assertEquals(200, admin().delete(INSTANCES + "/" + c.id()).status());
        var deleted = api.get(HUB + "campaigns");
        assertEquals(401, deleted.status(), deleted::toString);
        assertEquals(401, hub("no-such-token").get(HUB + "campaigns").status());
    }

    @Test
    @Order(6)
    void fiftyInstancesOfOneApiKeyStayWithinFourRequestsPerSecond() throws Exception {
        App app = App.fresh();
        List<Connected> instances = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            instances.add(connect(app, account()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        long started = System.nanoTime();
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (Connected c : instances) {
                Callable<List<Integer>> hammer = () -> {
                    Api api = hub(c.token());
                    List<Integer> statuses = new ArrayList<>();
                    statuses.add(api.get(HUB + "contacts?where=" + enc("modified_since='2020-01-01T00:00:00Z'")).status());
                    statuses.add(api.get(HUB + "campaigns").status());
                    return statuses;
                };
                results.add(pool.submit(hammer));
            }
            for (Future<List<Integer>> result : results) {
                assertEquals(List.of(200, 200), result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonObject stats = stats(app);
        System.out.println("HubIT: 50 instances, 100 hub calls in " + String.format("%.1f", seconds) + " s; sandbox stats " + stats);
        assertTrue(stats.getInt("maxRequestsPerSecond") <= 4, stats::toString);
        assertEquals(0, stats.getInt("throttled"), stats::toString);
        assertTrue(stats.getJsonNumber("requestsServed").longValue() >= 100, stats::toString);
    }

    @Test
    @Order(7)
    void quotaExceededPausesTheApiKeyUntilMidnight() {
        App app = App.fresh();
        Connected c = connect(app, account());
        Connected sibling = connect(app, account());
        Api api = hub(c.token());
        assertEquals(200, api.get(HUB + "lists").status());
        int today = stats(app).getInt("requestsToday");
        var limits = sandbox().put(SANDBOX + "admin/clients/" + enc(app.clientId()) + "/limits", "{\"requestsPerDay\":" + today + "}");
        assertEquals(200, limits.status(), limits::toString);

        var paused = api.get(HUB + "contacts");
        assertEquals(429, paused.status(), paused::toString);
        long retryAfter = Long.parseLong(paused.header("Retry-After"));
        Instant midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long expected = midnight.getEpochSecond() - Instant.now().getEpochSecond();
        assertTrue(Math.abs(retryAfter - expected) <= 5, () -> retryAfter + " vs " + expected);
        assertTrue(paused.json().getString("providerMessage").contains("quota"), paused::toString);
        assertEquals(1, stats(app).getInt("quotaExceeded"));

        // every instance of the key shows the pause, and none of them sends anything until then
        for (Connected each : List.of(c, sibling)) {
            var instance = admin().get(INSTANCES + "/" + each.id());
            assertEquals(midnight, Instant.parse(instance.json().getString("quotaPausedUntil")), instance::toString);
        }
        var siblingCall = hub(sibling.token()).get(HUB + "campaigns");
        assertEquals(429, siblingCall.status(), siblingCall::toString);
        assertNotNull(siblingCall.header("Retry-After"));
        assertEquals(1, stats(app).getInt("quotaExceeded"), "paused calls never reach Constant Contact");

        // another key is not paused
        Connected unrelated = connect(App.fresh(), account());
        assertEquals(200, hub(unrelated.token()).get(HUB + "lists").status());
        assertFalse(admin().get(INSTANCES + "/" + unrelated.id()).json().containsKey("quotaPausedUntil"));
    }
}
