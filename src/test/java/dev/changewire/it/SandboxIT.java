package dev.changewire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Constant Contact sandbox over HTTP, as Changewire's element client (or any OAuth client) sees it. */
@ExtendWith(ArquillianExtension.class)
class SandboxIT {

    static final String BASE = "/sandbox/constantcontact";
    static final String REDIRECT = "https://app.example.com/callback";
    static final String SCOPE = "contact_data campaign_data offline_access";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.changewire();
    }

    @ArquillianResource
    URL deployment;

    Api api() {
        return new Api(deployment);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String location) {
        Map<String, String> params = new HashMap<>();
        String q = URI.create(location).getRawQuery();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Authorizes and returns the code from the redirect. */
    String code(String clientId, String account) {
        var reply = api().get(BASE + "/oauth2/default/v1/authorize?client_id=" + enc(clientId) + "&redirect_uri=" + enc(REDIRECT)
                + "&response_type=code&scope=" + enc(SCOPE) + "&state=xyz%201" + (account == null ? "" : "&account=" + enc(account)));
        assertEquals(302, reply.status(), reply::toString);
        String location = reply.header("Location");
        assertTrue(location.startsWith(REDIRECT + "?"), location);
        Map<String, String> params = query(location);
        assertEquals("xyz 1", params.get("state"));
        assertNotNull(params.get("code"));
        return params.get("code");
    }

    Api.Reply token(String clientId, String secret, String form) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (secret != null) {
            headers.put("Authorization", basic(clientId, secret));
        }
        return api().send("POST", BASE + "/oauth2/default/v1/token", form, headers);
    }

    Api.Reply exchange(String clientId, String secret, String code) {
        return token(clientId, secret, "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT));
    }

    /** A fresh client connected to a fresh account: its tokens. */
    JsonObject connect(String clientId, String account) {
        var reply = exchange(clientId, "secret-" + clientId, code(clientId, account));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void authorizationCodeFlowIssuesTokensOnce() {
        String client = uniqueName("client");
        String code = code(client, uniqueName("acct"));
        var reply = exchange(client, "s3cret", code);
        assertEquals(200, reply.status(), reply::toString);
        JsonObject tokens = reply.json();
        assertEquals("Bearer", tokens.getString("token_type"));
        assertEquals(86400, tokens.getInt("expires_in"));
        assertEquals(SCOPE, tokens.getString("scope"));
        assertNotNull(tokens.getString("access_token"));
        assertNotNull(tokens.getString("refresh_token"));

        var again = exchange(client, "s3cret", code);
        assertEquals(400, again.status(), again::toString);
        assertEquals("invalid_grant", again.json().getString("error"));
        assertNotNull(again.json().getString("error_description"));
    }

    @Test
    void authorizeRejectsBadParameters() {
        var missing = api().get(BASE + "/oauth2/default/v1/authorize?redirect_uri=" + enc(REDIRECT) + "&response_type=code&scope=contact_data");
        assertEquals(400, missing.status(), missing::toString);
        assertEquals("invalid_request", missing.json().getString("error"));
        assertTrue(missing.json().getString("error_description").contains("client_id"), missing::toString);
        var wrongType = api().get(BASE + "/oauth2/default/v1/authorize?client_id=c&redirect_uri=" + enc(REDIRECT) + "&response_type=token&scope=contact_data");
        assertEquals(400, wrongType.status(), wrongType::toString);
        assertTrue(wrongType.json().getString("error_description").contains("response_type"), wrongType::toString);
        var relative = api().get(BASE + "/oauth2/default/v1/authorize?client_id=c&redirect_uri=%2Fcallback&response_type=code&scope=contact_data");
        assertEquals(400, relative.status(), relative::toString);
        assertTrue(relative.json().getString("error_description").contains("redirect_uri"), relative::toString);
    }

    /** Issue 10, item 11: a code is sent only to the client's registered redirect URI (the first it used). */
    @Test
    void aCodeGoesOnlyToTheClientsRegisteredRedirectUri() {
        String client = uniqueName("registered");
        code(client, null);
        var elsewhere = api().get(BASE + "/oauth2/default/v1/authorize?client_id=" + enc(client) + "&redirect_uri="
                + enc("https://evil.example/steal") + "&response_type=code&scope=" + enc(SCOPE) + "&state=s");
        assertEquals(400, elsewhere.status(), elsewhere::toString);
        assertNull(elsewhere.header("Location"), "no redirect, so no code anywhere");
        assertEquals("invalid_request", elsewhere.json().getString("error"));
        assertTrue(elsewhere.json().getString("error_description").contains("redirect_uri"), elsewhere::toString);
        assertFalse(elsewhere.body().contains("code="), elsewhere::toString);
        code(client, null); // the registered one keeps working
    }

    /** Issue 10, item 11: the admin calls (every account's records, writes, limits, revocation) need the admin secret. */
    @Test
    void adminCallsNeedTheAdminSecret() throws Exception {
        String limits = BASE + "/admin/clients/" + enc(uniqueName("guarded")) + "/limits";
        var wrong = api().send("GET", limits, null, Map.of("Sandbox-Admin-Secret", "not-the-secret"));
        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals("unauthorized", wrong.array().getJsonObject(0).getString("error_key"));
        var wrongWrite = api().send("PUT", BASE + "/admin/accounts/demo/contacts/" + UUID.randomUUID(), "{\"first_name\":\"X\"}",
                Map.of("Sandbox-Admin-Secret", "not-the-secret"));
        assertEquals(401, wrongWrite.status(), wrongWrite::toString);
        // no header at all (the tests' client adds the secret by itself, so this one is sent by hand)
        java.net.http.HttpResponse<String> none = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + deployment.getPort() + BASE + "/admin/accounts")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, none.statusCode(), none::body);
        assertFalse(none.body().contains("demo"), "no account names without the secret");
        assertEquals(200, api().get(limits).status(), "with the secret (sent by the tests' client)");
        // Constant Contact's own API of the sandbox needs no admin secret
        assertEquals(302, api().get(BASE + "/oauth2/default/v1/authorize?client_id=" + enc(uniqueName("open")) + "&redirect_uri="
                + enc(REDIRECT) + "&response_type=code&scope=" + enc(SCOPE)).status());
    }

    @Test
    void codeIsBoundToClientAndRedirectUri() {
        String client = uniqueName("client");
        String code = code(client, null);
        var wrongRedirect = token(client, "s", "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT + "/other"));
        assertEquals(400, wrongRedirect.status(), wrongRedirect::toString);
        assertEquals("invalid_grant", wrongRedirect.json().getString("error"));
        String code2 = code(client, null);
        var otherClient = exchange(uniqueName("other"), "s", code2);
        assertEquals(400, otherClient.status(), otherClient::toString);
        assertEquals("invalid_grant", otherClient.json().getString("error"));
    }

    @Test
    void clientSecretIsBoundOnFirstUse() {
        String client = uniqueName("client");
        assertEquals(200, exchange(client, "first-secret", code(client, null)).status());
        var wrong = exchange(client, "second-secret", code(client, null));
        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals("invalid_client", wrong.json().getString("error"));
        var none = token(client, null, "grant_type=authorization_code&code=x&redirect_uri=" + enc(REDIRECT));
        assertEquals(401, none.status(), none::toString);
        assertEquals("invalid_client", none.json().getString("error"));
        assertEquals(200, exchange(client, "first-secret", code(client, null)).status());
    }

    @Test
    void refreshTokensRotate() {
        String client = uniqueName("client");
        JsonObject first = connect(client, null);
        String secret = "secret-" + client;
        var refreshed = token(client, secret, "grant_type=refresh_token&refresh_token=" + enc(first.getString("refresh_token")));
        assertEquals(200, refreshed.status(), refreshed::toString);
        String second = refreshed.json().getString("refresh_token");
        assertNotEquals(first.getString("refresh_token"), second);
        assertNotEquals(first.getString("access_token"), refreshed.json().getString("access_token"));

        var reuse = token(client, secret, "grant_type=refresh_token&refresh_token=" + enc(first.getString("refresh_token")));
        assertEquals(400, reuse.status(), reuse::toString);
        assertEquals("invalid_grant", reuse.json().getString("error"));
        var unknown = token(client, secret, "grant_type=refresh_token&refresh_token=nonsense");
        assertEquals(400, unknown.status(), unknown::toString);
        assertEquals("invalid_grant", unknown.json().getString("error"));
        var grant = token(client, secret, "grant_type=password&username=a");
        assertEquals(400, grant.status(), grant::toString);
        assertEquals("unsupported_grant_type", grant.json().getString("error"));

        assertEquals(200, token(client, secret, "grant_type=refresh_token&refresh_token=" + enc(second)).status());
    }

    /** Constant Contact's refresh tokens expire after 180 days without use; a used one's successor starts afresh. */
    @Test
    void aRefreshTokenUnusedFor180DaysExpires() {
        String client = uniqueName("client");
        String account = uniqueName("idle");
        String secret = "secret-" + client;
        String first = connect(client, account).getString("refresh_token");
        var young = api().post(BASE + "/admin/clients/" + enc(client) + "/accounts/" + account + "/refresh-tokens/age", "{\"by\":\"P179D\"}");
        assertEquals(200, young.status(), young::toString);
        assertEquals(1, young.json().getInt("aged"));
        var used = token(client, secret, "grant_type=refresh_token&refresh_token=" + enc(first));
        assertEquals(200, used.status(), () -> "179 days unused: still good " + used);
        String second = used.json().getString("refresh_token");
        assertEquals(200, api().post(BASE + "/admin/clients/" + enc(client) + "/accounts/" + account + "/refresh-tokens/age",
                "{\"by\":\"P181D\"}").status());
        var expired = token(client, secret, "grant_type=refresh_token&refresh_token=" + enc(second));
        assertEquals(400, expired.status(), expired::toString);
        assertEquals("invalid_grant", expired.json().getString("error"));
        assertTrue(expired.json().getString("error_description").contains("not used for more than 180 days"), expired::toString);
        assertEquals(400, api().post(BASE + "/admin/clients/" + enc(client) + "/accounts/" + account + "/refresh-tokens/age",
                "{\"by\":\"forever\"}").status());
    }

    /** Constant Contact's token endpoint takes 1 request a second per client id; the next one in the same second is refused. */
    @Test
    void theTokenEndpointTakesOneRequestASecondPerClient() {
        String client = uniqueName("client");
        String secret = "secret-" + client;
        String first = connect(client, null).getString("refresh_token");
        // the tests' server allows more; this client has Constant Contact's limit
        assertEquals(200, api().put(BASE + "/admin/clients/" + enc(client) + "/limits", "{\"tokenRequestsPerSecond\":1}").status());
        String refreshToken = first;
        int refused = 0;
        int granted = 0;
        long started = System.nanoTime();
        // a burst inside as few seconds as it takes: at most one a second is granted, the rest refused
        for (int i = 0; i < 6; i++) {
            var reply = token(client, secret, "grant_type=refresh_token&refresh_token=" + enc(refreshToken));
            if (reply.status() == 429) {
                refused++;
                assertEquals("too_many_requests", reply.json().getString("error"), reply::toString);
            } else {
                assertEquals(200, reply.status(), reply::toString);
                granted++;
                refreshToken = reply.json().getString("refresh_token");
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
        assertTrue(granted <= seconds + 1, granted + " granted in under " + seconds + " s");
        assertTrue(refused > 0, "a burst of 6 meets the limit");
        JsonObject stats = api().get(BASE + "/stats/" + enc(client)).json();
        assertEquals(refused, stats.getInt("tokenRequestsThrottled"), stats::toString);
        assertEquals(1, stats.getInt("maxTokenRequestsPerSecond"), stats::toString);
        assertEquals(1, stats.getJsonObject("limits").getInt("tokenRequestsPerSecond"));
    }

    // ---- the V3 API ----

    static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    /** A V3 client for a fresh OAuth client connected to {@code account}, with limits high enough not to interfere. */
    V3 v3(String account) {
        String client = uniqueName("client");
        JsonObject tokens = connect(client, account);
        admin().put(BASE + "/admin/clients/" + client + "/limits", "{\"requestsPerSecond\":1000,\"requestsPerDay\":100000}");
        return new V3(client, tokens.getString("access_token"));
    }

    Api admin() {
        return api();
    }

    final class V3 {
        final String client;
        final String token;

        V3(String client, String token) {
            this.client = client;
            this.token = token;
        }

        Api.Reply send(String method, String path, String body) {
            return api().send(method, BASE + path, body, Map.of("Authorization", "Bearer " + token));
        }

        Api.Reply get(String path) {
            return send("GET", path, null);
        }

        JsonObject ok(String path) {
            var reply = get(path);
            assertEquals(200, reply.status(), () -> path + " -> " + reply);
            return reply.json();
        }

        /** Follows _links.next.href (relative to the API host, i.e. the sandbox base) to the end; all records of the array. */
        List<JsonObject> all(String path, String array) {
            List<JsonObject> records = new ArrayList<>();
            String next = path;
            for (int pages = 0; next != null; pages++) {
                assertTrue(pages < 100, "too many pages");
                JsonObject page = ok(next);
                page.getJsonArray(array).forEach(v -> records.add(v.asJsonObject()));
                JsonObject links = page.getJsonObject("_links");
                next = links == null || !links.containsKey("next") ? null : links.getJsonObject("next").getString("href");
            }
            return records;
        }
    }

    static List<String> ids(List<JsonObject> records, String field) {
        return records.stream().map(r -> r.getString(field)).toList();
    }

    static void assertError(Api.Reply reply, int status, String key) {
        assertEquals(status, reply.status(), reply::toString);
        JsonArray errors = reply.array();
        assertEquals(key, errors.getJsonObject(0).getString("error_key"), reply::toString);
        assertFalse(errors.getJsonObject(0).getString("error_message").isBlank());
    }

    String contact(V3 v3, String email, String... lists) {
        var listArray = jakarta.json.Json.createArrayBuilder();
        for (String l : lists) {
            listArray.add(l);
        }
        var body = jakarta.json.Json.createObjectBuilder()
                .add("email_address", jakarta.json.Json.createObjectBuilder().add("address", email).add("permission_to_send", "implicit"))
                .add("first_name", "Test").add("create_source", "Account").add("list_memberships", listArray).build();
        var reply = v3.send("POST", "/v3/contacts", body.toString());
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getString("contact_id");
    }

    @Test
    void v3NeedsAValidBearerToken() {
        assertError(api().get(BASE + "/v3/contacts"), 401, "unauthorized");
        assertError(api().send("GET", BASE + "/v3/emails", null, Map.of("Authorization", "Bearer nonsense")), 401, "unauthorized");
    }

    @Test
    void accessTokensExpireAfterTheConfiguredLifetime() throws InterruptedException {
        var set = admin().put(BASE + "/admin/access-token-lifetime", "{\"lifetime\":\"PT2S\"}");
        assertEquals(200, set.status(), set::toString);
        try {
            String client = uniqueName("client");
            JsonObject tokens = connect(client, null);
            assertEquals(2, tokens.getInt("expires_in"));
            var v3 = new V3(client, tokens.getString("access_token"));
            assertEquals(200, v3.get("/v3/contact_lists").status());
            Thread.sleep(2500);
            assertError(v3.get("/v3/contact_lists"), 401, "unauthorized");
            var refreshed = token(client, "secret-" + client, "grant_type=refresh_token&refresh_token=" + enc(tokens.getString("refresh_token")));
            assertEquals(200, refreshed.status(), refreshed::toString);
            assertEquals(200, new V3(client, refreshed.json().getString("access_token")).get("/v3/contact_lists").status());
        } finally {
            assertEquals(200, admin().delete(BASE + "/admin/access-token-lifetime").status());
        }
        assertEquals("PT24H", admin().get(BASE + "/admin/access-token-lifetime").json().getString("lifetime"));
    }

    @Test
    void revokedRefreshTokensGetInvalidGrant() {
        String client = uniqueName("client");
        String account = uniqueName("acct");
        JsonObject tokens = connect(client, account);
        var revoked = admin().delete(BASE + "/admin/clients/" + client + "/accounts/" + account + "/refresh-tokens");
        assertEquals(1, revoked.json().getInt("revoked"), revoked::toString);
        var refresh = token(client, "secret-" + client, "grant_type=refresh_token&refresh_token=" + enc(tokens.getString("refresh_token")));
        assertEquals(400, refresh.status(), refresh::toString);
        assertEquals("invalid_grant", refresh.json().getString("error"));
    }

    @Test
    void newAccountsAreSeeded() {
        V3 v3 = v3(uniqueName("seeded"));
        JsonObject campaigns = v3.ok("/v3/emails");
        assertEquals(3, campaigns.getJsonArray("campaigns").size());
        JsonObject c = campaigns.getJsonArray("campaigns").getJsonObject(0);
        for (String f : List.of("campaign_id", "created_at", "current_status", "name", "type", "type_code", "updated_at")) {
            assertTrue(c.containsKey(f), () -> f + " missing in " + c);
        }
        assertTrue(TIMESTAMP.matcher(c.getString("updated_at")).matches(), c::toString);
        UUID.fromString(c.getString("campaign_id"));
        JsonObject contacts = v3.ok("/v3/contacts?include_count=true&include=list_memberships");
        assertEquals(5, contacts.getInt("contacts_count"), "the unsubscribed seed contact is not active but is listed: " + contacts);
        JsonObject lists = v3.ok("/v3/contact_lists?include_count=true&include_membership_count=all");
        assertEquals(2, lists.getInt("lists_count"));
        assertNull(lists.get("_links"));
    }

    @Test
    void pagingFollowsNextLinksThroughEveryRecordOnce() {
        V3 v3 = v3(uniqueName("paging"));
        for (int i = 0; i < 8; i++) {
            contact(v3, "paging" + i + "@example.com");
        }
        JsonObject first = v3.ok("/v3/contacts?limit=3&include_count=true");
        assertEquals(3, first.getJsonArray("contacts").size());
        assertEquals(13, first.getInt("contacts_count"), "8 created + 5 seeded, deleted ones excluded: " + first);
        String href = first.getJsonObject("_links").getJsonObject("next").getString("href");
        assertTrue(href.startsWith("/v3/contacts?cursor="), href);

        List<JsonObject> all = v3.all("/v3/contacts?limit=3", "contacts");
        assertEquals(13, all.size());
        assertEquals(13, new HashSet<>(ids(all, "contact_id")).size(), "no record twice");
        List<String> created = all.stream().map(r -> r.getString("created_at")).toList();
        assertEquals(created.stream().sorted().toList(), created, "creation order");

        List<JsonObject> allOnePage = v3.all("/v3/contacts?limit=500", "contacts");
        assertEquals(ids(allOnePage, "contact_id"), ids(all, "contact_id"));

        assertError(v3.get("/v3/contacts?limit=0"), 400, "query.param.invalid");
        assertError(v3.get("/v3/emails?limit=501"), 400, "query.param.invalid");
        assertError(v3.get("/v3/contact_lists?limit=abc"), 400, "query.param.invalid");
        assertError(v3.get("/v3/contacts?cursor=garbage"), 400, "query.param.invalid");
    }

    @Test
    void campaignNextLinksUseConstantContactsNextParameter() {
        String account = uniqueName("emails-links");
        V3 v3 = v3(account);
        JsonObject first = v3.ok("/v3/emails?limit=1&after_date=2000-01-01T00:00:00.000Z");
        String href = first.getJsonObject("_links").getJsonObject("next").getString("href");
        assertTrue(href.matches("/v3/emails\\?limit=1&next=[A-Za-z0-9_*-]+&after_date=2000-01-01T00%3A00%3A00.000Z"), href);
        List<JsonObject> all = v3.all("/v3/emails?limit=1&after_date=2000-01-01T00:00:00.000Z", "campaigns");
        assertEquals(3, all.size(), "the seeded campaigns, one page each");
        assertEquals(3, new HashSet<>(ids(all, "campaign_id")).size());
        assertError(v3.get("/v3/emails?limit=1&next=@@@"), 400, "query.param.invalid");
        assertError(v3.get("/v3/emails?limit=1&next=" + "A".repeat(3000)), 400, "query.param.invalid");

        var foreign = admin().put(BASE + "/admin/accounts/" + account + "/behaviour", "{\"foreignNextLinks\":true}");
        assertEquals(200, foreign.status(), foreign::toString);
        String elsewhere = v3.ok("/v3/emails?limit=1").getJsonObject("_links").getJsonObject("next").getString("href");
        assertTrue(elsewhere.startsWith("http://elsewhere.invalid/v3/emails?limit=1&next="), elsewhere);
    }

    /**
     * What updated_after never shows. An unsubscribe changes the email address (permission, opt-out date,
     * the address's own updated_at) and leaves the contact's updated_at alone; a hard delete takes the
     * record out of every listing and leaves no deleted_at. And a provider that fails past the first page.
     */
    @Test
    void anUnsubscribeLeavesUpdatedAtAloneAndAHardDeleteLeavesNoTrace() {
        String account = uniqueName("unsub");
        V3 v3 = v3(account);
        String since = java.time.Instant.now().minusSeconds(1).toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            assertEquals(200, admin().put(BASE + "/admin/accounts/" + account + "/contacts/" + id,
                    "{\"first_name\":\"U" + i + "\",\"email_address\":{\"address\":\"u" + i + "-" + id.substring(0, 8)
                            + "@example.com\",\"permission_to_send\":\"implicit\"},\"created_at\":\"2026-01-01T00:00:00Z\","
                            + "\"updated_at\":\"2026-01-02T00:00:00Z\"}").status());
        }
        String subscriber = ids.get(0);
        var unsubscribed = admin().post(BASE + "/admin/accounts/" + account + "/contacts/" + subscriber + "/unsubscribe", "");
        assertEquals(200, unsubscribed.status(), unsubscribed::toString);
        JsonObject contact = v3.ok("/v3/contacts/" + subscriber);
        assertEquals(java.time.Instant.parse("2026-01-02T00:00:00Z"), java.time.Instant.parse(contact.getString("updated_at")),
                "the contact's updated_at did not move");
        JsonObject email = contact.getJsonObject("email_address");
        assertEquals("unsubscribed", email.getString("permission_to_send"));
        assertEquals("Contact", email.getString("opt_out_source"));
        assertTrue(java.time.Instant.parse(email.getString("opt_out_date")).isAfter(java.time.Instant.parse(since)), email::toString);
        assertEquals(email.getString("opt_out_date"), email.getString("updated_at"));
        assertFalse(ids(v3.all("/v3/contacts?status=all&updated_after=" + enc(since), "contacts"), "contact_id").contains(subscriber),
                "updated_after does not show an unsubscribe");
        List<String> unsubscribedIds = ids(v3.all("/v3/contacts?status=unsubscribed", "contacts"), "contact_id");
        assertEquals(List.of(subscriber), ids.stream().filter(unsubscribedIds::contains).toList(), "of these three, only the one");
        assertEquals(200, admin().post(BASE + "/admin/accounts/" + account + "/contacts/" + subscriber + "/unsubscribe", "").status(),
                "unsubscribing again changes nothing");
        assertEquals(contact, v3.ok("/v3/contacts/" + subscriber));

        String erased = ids.get(1);
        assertEquals(204, admin().delete(BASE + "/admin/accounts/" + account + "/contacts/" + erased).status());
        assertEquals(404, v3.get("/v3/contacts/" + erased).status());
        assertFalse(ids(v3.all("/v3/contacts?status=all", "contacts"), "contact_id").contains(erased), "gone from every listing");
        assertEquals(404, admin().delete(BASE + "/admin/accounts/" + account + "/contacts/" + erased).status(), "already gone");
        assertEquals(404, admin().post(BASE + "/admin/accounts/" + account + "/contacts/" + erased + "/unsubscribe", "").status());
        assertEquals(404, admin().delete(BASE + "/admin/accounts/" + account + "/no-such/" + erased).status());

        assertEquals(200, admin().put(BASE + "/admin/accounts/" + account + "/behaviour", "{\"nextPagesFail\":true}").status());
        JsonObject first = v3.ok("/v3/contacts?status=all&limit=1");
        String next = first.getJsonObject("_links").getJsonObject("next").getString("href");
        assertEquals(503, v3.get(next).status(), "a page after the first fails");
        assertEquals(200, admin().put(BASE + "/admin/accounts/" + account + "/behaviour", "{\"nextPagesFail\":false}").status());
        assertEquals(200, v3.get(next).status());
    }

    @Test
    void accountsCanHaveSecondPrecisionAndALaggingIndex() {
        String account = uniqueName("behaviour");
        V3 v3 = v3(account);
        assertEquals(200, admin().put(BASE + "/admin/accounts/" + account + "/behaviour",
                "{\"secondPrecision\":true,\"indexLag\":\"PT3S\"}").status());
        JsonObject behaviour = admin().get(BASE + "/admin/accounts/" + account + "/behaviour").json();
        assertTrue(behaviour.getBoolean("secondPrecision"));
        assertEquals("PT3S", behaviour.getString("indexLag"));
        assertFalse(behaviour.getBoolean("foreignNextLinks"));

        String since = java.time.Instant.now().minusSeconds(5).toString();
        String id = UUID.randomUUID().toString();
        var put = admin().put(BASE + "/admin/accounts/" + account + "/contacts/" + id,
                "{\"first_name\":\"Lag\",\"email_address\":{\"address\":\"lag@example.com\",\"permission_to_send\":\"implicit\"},"
                        + "\"created_at\":\"" + java.time.Instant.now() + "\",\"updated_at\":\"" + java.time.Instant.now() + "\"}");
        assertEquals(200, put.status(), put::toString);
        String updatedAt = v3.ok("/v3/contacts/" + id).getString("updated_at");
        assertTrue(updatedAt.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), "whole seconds: " + updatedAt);
        assertFalse(ids(v3.all("/v3/contacts?updated_after=" + enc(since), "contacts"), "contact_id").contains(id),
                "the index has not caught up yet");
        long until = System.currentTimeMillis() + 10_000;
        List<JsonObject> listed = List.of();
        while (System.currentTimeMillis() < until) {
            listed = v3.all("/v3/contacts?updated_after=" + enc(since), "contacts").stream()
                    .filter(c -> c.getString("contact_id").equals(id)).toList();
            if (!listed.isEmpty()) {
                break;
            }
            Waits.sleep(500);
        }
        assertEquals(1, listed.size(), "listed once the index caught up");
        assertEquals(updatedAt, listed.get(0).getString("updated_at"), "with its original date");

        assertEquals(400, admin().put(BASE + "/admin/accounts/" + account + "/behaviour", "{\"indexLag\":\"soon\"}").status());
        assertEquals(400, admin().put(BASE + "/admin/accounts/" + account + "/behaviour", "{\"indexLag\":\"PT1H\"}").status());
        assertEquals(400, admin().put(BASE + "/admin/accounts/" + account + "/behaviour", "{\"secondPrecision\":\"x\"}").status());
        assertEquals(200, admin().put(BASE + "/admin/accounts/" + account + "/behaviour",
                "{\"secondPrecision\":false,\"indexLag\":\"PT0S\"}").status());
    }

    @Test
    void campaignsSortNewestFirstAndFilterOnUpdatedAt() {
        String account = uniqueName("campaigns");
        V3 v3 = v3(account);
        String[] ids = new String[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = UUID.randomUUID().toString();
            var put = admin().put(BASE + "/admin/accounts/" + account + "/emails/" + ids[i],
                    "{\"name\":\"Old " + i + "\",\"current_status\":\"Done\",\"type\":\"NEWSLETTER\",\"type_code\":10,"
                    + "\"created_at\":\"2020-01-0" + (i + 1) + "T00:00:00.000Z\",\"updated_at\":\"2020-02-0" + (i + 1) + "T10:00:00.000Z\"}");
            assertEquals(200, put.status(), put::toString);
        }
        List<JsonObject> window = v3.all("/v3/emails?after_date=2020-02-02T10:00:00.000Z&before_date=2020-02-04T10:00:00.000Z&limit=1", "campaigns");
        assertEquals(List.of(ids[2], ids[1]), ids(window, "campaign_id"), "after inclusive, before exclusive, newest first");
        List<JsonObject> all = v3.all("/v3/emails?limit=2", "campaigns");
        assertEquals(7, all.size());
        List<String> updated = all.stream().map(r -> r.getString("updated_at")).toList();
        assertEquals(updated.stream().sorted(java.util.Comparator.reverseOrder()).toList(), updated);
        assertEquals(ids[3], all.get(3).getString("campaign_id"), "the 3 seeded ones are newer");
        assertError(v3.get("/v3/emails?after_date=yesterday"), 400, "query.param.invalid");
    }

    @Test
    void campaignWritesAndRemovedCampaignsStayListed() {
        V3 v3 = v3(uniqueName("emails"));
        String body = "{\"name\":\"Launch\",\"email_campaign_activities\":[{\"format_type\":5,\"from_name\":\"Shop\","
                + "\"from_email\":\"shop@example.com\",\"reply_to_email\":\"shop@example.com\",\"subject\":\"Hello\",\"html_content\":\"<p>Hi</p>\"}]}";
        var created = v3.send("POST", "/v3/emails", body);
        assertEquals(200, created.status(), created::toString);
        String id = created.json().getString("campaign_id");
        assertEquals("Draft", created.json().getString("current_status"));
        assertEquals(id, v3.ok("/v3/emails").getJsonArray("campaigns").getJsonObject(0).getString("campaign_id"), "newest first");

        var renamed = v3.send("PATCH", "/v3/emails/" + id, "{\"name\":\"Launch 2\"}");
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals("Launch 2", renamed.json().getString("name"));
        assertTrue(renamed.json().getString("updated_at").compareTo(created.json().getString("updated_at")) > 0);

        assertEquals(204, v3.send("DELETE", "/v3/emails/" + id, null).status());
        JsonObject removed = v3.ok("/v3/emails/" + id);
        assertEquals("Removed", removed.getString("current_status"));
        JsonObject listed = v3.ok("/v3/emails").getJsonArray("campaigns").getJsonObject(0);
        assertEquals(id, listed.getString("campaign_id"));
        assertEquals("Removed", listed.getString("current_status"));
        assertError(v3.send("DELETE", "/v3/emails/" + id, null), 404, "not_found");

        var missingName = v3.send("POST", "/v3/emails", "{\"email_campaign_activities\":[]}");
        assertError(missingName, 400, "json.field.required");
        assertTrue(missingName.array().getJsonObject(0).getString("error_message").contains("name"), missingName::toString);
        var badFrom = v3.send("POST", "/v3/emails", body.replace("shop@example.com\",\"reply", "not-an-email\",\"reply"));
        assertError(badFrom, 400, "json.field.invalid");
        assertTrue(badFrom.array().getJsonObject(0).getString("error_message").contains("from_email"), badFrom::toString);
        assertError(v3.send("POST", "/v3/emails", "{not json"), 400, "json.invalid");
        assertError(v3.get("/v3/emails/" + UUID.randomUUID()), 404, "not_found");
    }

    @Test
    void contactWritesAndDeletedContacts() {
        V3 v3 = v3(uniqueName("contacts"));
        String id = contact(v3, "writer@example.com");
        assertError(v3.send("POST", "/v3/contacts",
                "{\"email_address\":{\"address\":\"WRITER@example.com\"},\"create_source\":\"Account\"}"), 409, "conflict");
        var noSource = v3.send("POST", "/v3/contacts", "{\"email_address\":{\"address\":\"x@example.com\"}}");
        assertError(noSource, 400, "json.field.required");
        assertTrue(noSource.array().getJsonObject(0).getString("error_message").contains("create_source"));
        assertError(v3.send("POST", "/v3/contacts", "{\"email_address\":{\"address\":\"nope\"},\"create_source\":\"Account\"}"), 400, "json.field.invalid");
        assertError(v3.send("POST", "/v3/contacts", "{\"email_address\":{\"address\":\"y@example.com\"},\"create_source\":\"Account\",\"list_memberships\":[\""
                + UUID.randomUUID() + "\"]}"), 400, "json.field.invalid");

        JsonObject got = v3.ok("/v3/contacts/" + id);
        assertFalse(got.containsKey("list_memberships"), "sub-resources only with include");
        assertTrue(v3.ok("/v3/contacts/" + id + "?include=list_memberships,taggings").containsKey("list_memberships"));
        var put = v3.send("PUT", "/v3/contacts/" + id,
                "{\"email_address\":{\"address\":\"writer@example.com\"},\"first_name\":\"Changed\",\"update_source\":\"Contact\"}");
        assertEquals(200, put.status(), put::toString);
        assertEquals("Changed", put.json().getString("first_name"));
        assertEquals("Contact", put.json().getString("update_source"));
        assertTrue(put.json().getString("updated_at").compareTo(got.getString("updated_at")) > 0);

        assertEquals(204, v3.send("DELETE", "/v3/contacts/" + id, null).status());
        JsonObject deleted = v3.ok("/v3/contacts/" + id);
        assertTrue(TIMESTAMP.matcher(deleted.getString("deleted_at")).matches(), deleted::toString);
        assertFalse(ids(v3.all("/v3/contacts", "contacts"), "contact_id").contains(id));
        assertFalse(ids(v3.all("/v3/contacts?status=active", "contacts"), "contact_id").contains(id));
        assertTrue(ids(v3.all("/v3/contacts?status=all", "contacts"), "contact_id").contains(id));
        List<JsonObject> onlyDeleted = v3.all("/v3/contacts?status=deleted", "contacts");
        assertEquals(List.of(id), ids(onlyDeleted, "contact_id"));
        assertEquals(deleted.getString("deleted_at"), onlyDeleted.get(0).getString("deleted_at"));
        assertError(v3.send("PUT", "/v3/contacts/" + id,
                "{\"email_address\":{\"address\":\"writer@example.com\"},\"update_source\":\"Contact\"}"), 404, "not_found");
        assertError(v3.get("/v3/contacts?status=gone"), 400, "query.param.invalid");
        // the address is free again once its contact is deleted
        contact(v3, "writer@example.com");
    }

    @Test
    void contactFilters() {
        String account = uniqueName("filters");
        V3 v3 = v3(account);
        JsonObject lists = v3.ok("/v3/contact_lists");
        String customers = lists.getJsonArray("lists").getJsonObject(0).getString("list_id");
        String newsletter = lists.getJsonArray("lists").getJsonObject(1).getString("list_id");

        assertEquals(List.of("grace@example.com"), emails(v3.all("/v3/contacts?email=GRACE@example.com", "contacts")));
        assertEquals(Set.of("ada@example.com", "alan@example.com"), Set.copyOf(emails(v3.all("/v3/contacts?lists=" + customers, "contacts"))));
        assertEquals(Set.of("ada@example.com", "alan@example.com", "grace@example.com", "barbara@example.com"),
                Set.copyOf(emails(v3.all("/v3/contacts?lists=" + customers + "," + newsletter, "contacts"))));
        assertEquals(List.of("barbara@example.com"), emails(v3.all("/v3/contacts?status=unsubscribed", "contacts")));
        assertEquals(4, v3.all("/v3/contacts?status=active", "contacts").size());
        assertEquals(5, v3.all("/v3/contacts?status=active,unsubscribed", "contacts").size());

        // a lagging provider: a record appears whose timestamps are already old
        String old = UUID.randomUUID().toString();
        var put = admin().put(BASE + "/admin/accounts/" + account + "/contacts/" + old,
                "{\"email_address\":{\"address\":\"old@example.com\",\"permission_to_send\":\"implicit\"},"
                + "\"create_source\":\"Account\",\"created_at\":\"2021-03-01T00:00:00.000Z\",\"updated_at\":\"2021-06-01T12:00:00.000Z\"}");
        assertEquals(200, put.status(), put::toString);
        assertEquals(List.of(old), ids(v3.all("/v3/contacts?updated_before=2022-01-01", "contacts"), "contact_id"));
        assertEquals(List.of(old), ids(v3.all("/v3/contacts?updated_after=2021-06-01T12:00:00.000Z&updated_before=2021-06-01T12:00:00.001Z", "contacts"), "contact_id"));
        assertTrue(v3.all("/v3/contacts?updated_after=2021-06-01T12:00:00.001Z&updated_before=2022-01-01T00:00:00Z", "contacts").isEmpty());
        assertEquals(List.of(old), ids(v3.all("/v3/contacts?created_after=2021-01-01&created_before=2021-03-01T00:00:00.001Z", "contacts"), "contact_id"));
        assertEquals(6, v3.all("/v3/contacts?created_after=2021-03-01T00:00:00.000Z", "contacts").size());
        assertEquals(5, v3.all("/v3/contacts?created_after=2021-03-01T00:00:00.001Z", "contacts").size());
        assertEquals(old, v3.all("/v3/contacts", "contacts").get(0).getString("contact_id"), "oldest created_at first");
        assertError(v3.get("/v3/contacts?updated_after=soon"), 400, "query.param.invalid");
        // filters hold across pages: the cursor carries them
        List<JsonObject> paged = v3.all("/v3/contacts?status=active&limit=1", "contacts");
        assertEquals(5, paged.size(), "4 active seeds + the old one");
    }

    static List<String> emails(List<JsonObject> contacts) {
        return contacts.stream().map(c -> c.getJsonObject("email_address").getString("address")).toList();
    }

    @Test
    void listWritesFiltersAndDeletedLists() {
        V3 v3 = v3(uniqueName("lists"));
        var created = v3.send("POST", "/v3/contact_lists", "{\"name\":\"VIP\",\"favorite\":true,\"description\":\"best\"}");
        assertEquals(201, created.status(), created::toString);
        String id = created.json().getString("list_id");
        assertError(v3.send("POST", "/v3/contact_lists", "{\"name\":\"vip\"}"), 409, "conflict");
        assertError(v3.send("POST", "/v3/contact_lists", "{\"favorite\":true}"), 400, "json.field.required");
        assertError(v3.send("POST", "/v3/contact_lists", "{\"name\":\"X\",\"favorite\":\"yes\"}"), 400, "json.field.invalid");
        contact(v3, "vip1@example.com", id);
        contact(v3, "vip2@example.com", id);

        assertEquals(List.of(id), ids(v3.all("/v3/contact_lists?name=VIP", "lists"), "list_id"));
        JsonObject withCount = v3.ok("/v3/contact_lists/" + id + "?include_membership_count=all");
        assertEquals(2, withCount.getInt("membership_count"));
        var put = v3.send("PUT", "/v3/contact_lists/" + id, "{\"name\":\"VIP customers\",\"favorite\":false}");
        assertEquals(200, put.status(), put::toString);
        assertEquals("VIP customers", put.json().getString("name"));

        var deleted = v3.send("DELETE", "/v3/contact_lists/" + id, null);
        assertEquals(202, deleted.status(), deleted::toString);
        assertNotNull(deleted.json().getString("activity_id"));
        JsonObject gone = v3.ok("/v3/contact_lists/" + id);
        assertTrue(TIMESTAMP.matcher(gone.getString("deleted_at")).matches(), gone::toString);
        assertFalse(ids(v3.all("/v3/contact_lists", "lists"), "list_id").contains(id));
        assertFalse(ids(v3.all("/v3/contact_lists?status=active", "lists"), "list_id").contains(id));
        assertEquals(List.of(id), ids(v3.all("/v3/contact_lists?status=deleted", "lists"), "list_id"));
        assertEquals(3, v3.ok("/v3/contact_lists?status=all&include_count=true").getInt("lists_count"));
        assertTrue(v3.all("/v3/contacts?lists=" + id, "contacts").isEmpty(), "members leave a deleted list");
        assertError(v3.get("/v3/contact_lists?status=old"), 400, "query.param.invalid");
        List<JsonObject> paged = v3.all("/v3/contact_lists?status=all&limit=1", "lists");
        assertEquals(3, paged.size());
    }

    @Test
    void churnChangesRecords() {
        String account = uniqueName("churn");
        V3 v3 = v3(account);
        int before = v3.all("/v3/contacts?status=all", "contacts").size() + v3.all("/v3/emails", "campaigns").size()
                + v3.all("/v3/contact_lists?status=all", "lists").size();
        var churn = admin().post(BASE + "/admin/accounts/" + account + "/churn?rounds=30", "");
        assertEquals(200, churn.status(), churn::toString);
        assertEquals(30, churn.json().getJsonArray("changes").size());
        int created = (int) churn.json().getJsonArray("changes").stream().filter(c -> c.toString().contains(" created ")).count();
        int after = v3.all("/v3/contacts?status=all", "contacts").size() + v3.all("/v3/emails", "campaigns").size()
                + v3.all("/v3/contact_lists?status=all", "lists").size();
        assertEquals(before + created, after, churn::toString);
    }

    // ---- rate limits and stats ----

    @Test
    void burstingOverFourPerSecondIsThrottled() throws Exception {
        String client = uniqueName("burst");
        V3 v3 = new V3(client, connect(client, null).getString("access_token"));
        int burst = 20;
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return v3.get("/v3/contact_lists");
                }));
            }
            go.countDown();
            int ok = 0;
            int throttled = 0;
            for (Future<Api.Reply> f : replies) {
                Api.Reply r = f.get();
                if (r.status() == 200) {
                    ok++;
                } else {
                    assertError(r, 429, "throttled");
                    throttled++;
                }
            }
            assertTrue(throttled > 0, "some of the burst must be throttled");
            JsonObject stats = api().get(BASE + "/stats").json().getJsonObject("clients").getJsonObject(client);
            assertEquals(ok, stats.getInt("requestsServed"), stats::toString);
            assertEquals(throttled, stats.getInt("throttled"), stats::toString);
            assertEquals(0, stats.getInt("quotaExceeded"));
            assertEquals(4, stats.getInt("maxRequestsPerSecond"), stats::toString);
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(1100);
        assertEquals(200, v3.get("/v3/contact_lists").status(), "a new second serves again");
    }

    @Test
    void dailyQuotaIsEnforcedAndResettable() {
        String client = uniqueName("quota");
        V3 v3 = new V3(client, connect(client, null).getString("access_token"));
        var limits = admin().put(BASE + "/admin/clients/" + client + "/limits", "{\"requestsPerDay\":3}");
        assertEquals(200, limits.status(), limits::toString);
        assertEquals(4, limits.json().getInt("requestsPerSecond"));
        assertEquals(3, limits.json().getInt("requestsPerDay"));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, v3.get("/v3/emails").status());
        }
        assertError(v3.get("/v3/emails"), 429, "quota_exceeded");
        assertError(v3.get("/v3/contacts"), 429, "quota_exceeded");
        JsonObject stats = api().get(BASE + "/stats/" + client).json();
        assertEquals(3, stats.getInt("requestsServed"), stats::toString);
        assertEquals(2, stats.getInt("quotaExceeded"), stats::toString);
        assertEquals(3, stats.getInt("requestsToday"), stats::toString);
        assertTrue(stats.getInt("maxRequestsPerSecond") >= 1 && stats.getInt("maxRequestsPerSecond") <= 3, stats::toString);

        assertEquals(204, admin().delete(BASE + "/admin/clients/" + client + "/requests-today").status());
        assertEquals(200, v3.get("/v3/emails").status());
        assertError(admin().put(BASE + "/admin/clients/" + client + "/limits", "{\"requestsPerSecond\":0}"), 400, "json.field.invalid");
    }

    @Test
    void adminReadsAndRejectsBadRecords() {
        String account = uniqueName("admin");
        String id = UUID.randomUUID().toString();
        assertError(admin().put(BASE + "/admin/accounts/" + account + "/contacts/" + id, "{\"updated_at\":\"last week\"}"), 400, "json.field.invalid");
        assertError(admin().put(BASE + "/admin/accounts/" + account + "/widgets/" + id, "{}"), 404, "not_found");
        var put = admin().put(BASE + "/admin/accounts/" + account + "/contact_lists/" + id,
                "{\"name\":\"Lagging\",\"updated_at\":\"2020-01-01T00:00:00+01:00\",\"deleted_at\":\"2020-01-02T00:00:00Z\"}");
        assertEquals(200, put.status(), put::toString);
        assertEquals("2019-12-31T23:00:00.000Z", put.json().getString("updated_at"));
        JsonObject read = admin().get(BASE + "/admin/accounts/" + account + "/contact_lists/" + id).json();
        assertEquals("2020-01-02T00:00:00.000Z", read.getString("deleted_at"));
        JsonArray records = admin().get(BASE + "/admin/accounts/" + account + "/contact_lists").json().getJsonArray("records");
        assertEquals(3, records.size(), "two seeded and the written one");
        assertTrue(admin().get(BASE + "/admin/accounts").json().getJsonArray("accounts").contains(jakarta.json.Json.createValue(account)));
    }
}
