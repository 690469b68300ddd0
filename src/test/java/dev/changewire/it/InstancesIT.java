package dev.changewire.it;

import static dev.changewire.it.QueryStrings.enc;
import static dev.changewire.it.QueryStrings.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.instances.SeedBodies;
import dev.changewire.client.ApiClient;
import dev.changewire.client.ApiException;
import dev.changewire.client.ApiResponse;
import dev.changewire.client.api.ElementsApi;
import dev.changewire.client.api.EventsApi;
import dev.changewire.client.api.HubApi;
import dev.changewire.client.api.InstancesApi;
import dev.changewire.client.api.NotificationsApi;
import dev.changewire.client.api.PollerApi;
import dev.changewire.client.model.ConfigurationEntry;
import dev.changewire.client.model.ConfigurationEntryChange;
import dev.changewire.client.model.ErrorBody;
import dev.changewire.client.model.Event;
import dev.changewire.client.model.EventType;
import dev.changewire.client.model.Instance;
import dev.changewire.client.model.InstanceRequest;
import dev.changewire.client.model.Notification;
import dev.changewire.client.model.NotificationStatus;
import dev.changewire.client.model.PollerState;
import dev.changewire.client.model.PollerStatus;
import dev.changewire.client.model.RunSummary;
import dev.changewire.it.DeliveryIT.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The element instance API over HTTP, with the OAuth flow against the Constant Contact sandbox. */
@ExtendWith(ArquillianExtension.class)
class InstancesIT {

    static final String INSTANCES = "/elements/api-v2/instances";
    static final String CALLBACK = "https://app.example.com/oauth/callback";
    static final String MASK = "********";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.changewire();
    }

    @ArquillianResource
    URL deployment;

    Api admin() {
        return new Api(deployment).asBootstrapAdmin();
    }

    /** A fresh Constant Contact app: the sandbox binds a client id to the first secret it sees. */
    record App(String clientId, String clientSecret) {
        static App fresh() {
            return new App("cid-" + UUID.randomUUID(), "csecret-" + UUID.randomUUID());
        }
    }

    /** The whole dance: ask Changewire for the authorize URL, follow it to the sandbox, take the code from the redirect. */
    String code(Api api, App app) {
        var url = api.get("/elements/api-v2/elements/constantcontact/oauth/url?apiKey=" + enc(app.clientId())
                + "&callbackUrl=" + enc(CALLBACK) + "&state=" + enc("st 1"));
        assertEquals(200, url.status(), url::toString);
        assertEquals("constantcontact", url.json().getString("element"));
        String oauthUrl = url.json().getString("oauthUrl");
        Map<String, String> params = query(oauthUrl);
        assertEquals(app.clientId(), params.get("client_id"));
        assertEquals(CALLBACK, params.get("redirect_uri"));
        assertEquals("code", params.get("response_type"));
        assertEquals("contact_data campaign_data offline_access", params.get("scope"));
        assertEquals("st 1", params.get("state"));
        assertFalse(oauthUrl.contains(app.clientSecret()), "the secret never travels in the authorize URL");
        assertTrue(oauthUrl.startsWith("http://127.0.0.1:" + deployment.getPort() + "/sandbox/constantcontact/oauth2/default/v1/authorize?"), oauthUrl);
        var redirect = new Api(deployment).get(oauthUrl);
        assertEquals(302, redirect.status(), redirect::toString);
        String location = redirect.header("Location");
        assertTrue(location.startsWith(CALLBACK + "?"), location);
        assertEquals("st 1", query(location).get("state"));
        return query(location).get("code");
    }

    String seedApiBody(Api api, App app, String name, String tag) {
        return SeedBodies.apiBody(code(api, app), app.clientId(), app.clientSecret(), CALLBACK, "15", tag, name);
    }

    /** Every response that shows an instance must hide the secrets it was given. */
    static void assertNoSecrets(Api.Reply reply, String... secrets) {
        for (String secret : secrets) {
            assertFalse(reply.body().contains(secret), () -> "a secret leaked: " + reply.body());
        }
    }

    static JsonObject assertInstance(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        JsonObject o = reply.json();
        assertEquals(JsonValue.ValueType.NUMBER, o.get("id").getValueType());
        assertEquals("constantcontact", o.getJsonObject("element").getString("key"));
        assertEquals("Constant Contact", o.getJsonObject("element").getString("name"));
        assertEquals(JsonValue.ValueType.ARRAY, o.get("tags").getValueType());
        assertEquals(JsonValue.ValueType.OBJECT, o.get("configuration").getValueType());
        assertNotNull(o.getString("createdDate"));
        assertNotNull(o.getString("updatedDate"));
        JsonObject user = o.getJsonObject("user");
        assertEquals(JsonValue.ValueType.NUMBER, user.get("id").getValueType());
        assertNotNull(user.getString("emailAddress"));
        assertTrue(user.containsKey("firstName") && user.containsKey("lastName"));
        JsonObject c = o.getJsonObject("configuration");
        for (String key : c.keySet()) {
            if (key.equals("oauth.api.secret") || key.contains("token") || key.contains("signature.key") || key.contains("password")) {
                assertEquals(MASK, c.getString(key), () -> key + " must be masked: " + reply.body());
            }
        }
        return o;
    }

    static long id(JsonObject instance) {
        return instance.getJsonNumber("id").longValue();
    }

    @Test
    void seedBodiesThroughTheOAuthFlowAndEveryInstanceCall() {
        Api api = admin();
        App app = App.fresh();
        String tag = "seed-" + UUID.randomUUID();

        // 1. the seed's "Configure Polling Through API" body, as written, placeholders filled
        var created = api.post(INSTANCES, seedApiBody(api, app, "API_Polling", tag));
        JsonObject instance = assertInstance(created);
        assertNoSecrets(created, app.clientSecret());
        long id = id(instance);
        String token = instance.getString("token");
        assertTrue(token.length() >= 43, token);
        assertEquals("API_Polling", instance.getString("name"));
        assertEquals(List.of(tag), instance.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(instance.getBoolean("eventsEnabled"));
        assertEquals("http://mycoolapp.com", instance.getString("eventsNotificationCallbackUrl"));
        assertFalse(instance.getBoolean("disabled"));
        assertTrue(instance.getBoolean("valid"));
        assertEquals("admin@changewire.local", instance.getJsonObject("user").getString("emailAddress"));
        JsonObject configuration = instance.getJsonObject("configuration");
        assertEquals(app.clientId(), configuration.getString("oauth.api.key"));
        assertEquals(MASK, configuration.getString("oauth.api.secret"));
        assertEquals(MASK, configuration.getString("oauth.user.token"), "the exchanged access token is stored (and masked)");
        assertEquals(MASK, configuration.getString("oauth.user.refresh_token"));
        assertEquals("15", configuration.getString("event.poller.refresh_interval"));
        assertEquals("true", configuration.getString("event.notification.enabled"));
        assertTrue(configuration.getString("event.poller.configuration").contains("modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'"));

        // 2. the seed's "Example JSON with Polling", on POST /elements/{key}/instances
        App app2 = App.fresh();
        var example = api.post("/elements/api-v2/elements/constantcontact/instances",
                SeedBodies.exampleBody(code(api, app2), app2.clientId(), app2.clientSecret(), CALLBACK));
        JsonObject exampleInstance = assertInstance(example);
        assertNoSecrets(example, app2.clientSecret());
        assertEquals("API_Polling", exampleInstance.getString("name"));
        assertEquals(List.of("Test"), exampleInstance.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));

        // 3. the same with values as strings, numbers and booleans, and the poller configuration as a JSON string
        App app3 = App.fresh();
        JsonObject seed = Json.createReader(new java.io.StringReader(
                SeedBodies.exampleBody(code(api, app3), app3.clientId(), app3.clientSecret(), CALLBACK))).readObject();
        JsonObject seedConfig = seed.getJsonObject("configuration");
        JsonObject variantConfig = Json.createObjectBuilder(seedConfig)
                .add("event.notification.enabled", "true")
                .add("event.poller.refresh_interval", 0.5)
                .add("event.poller.configuration", seedConfig.getJsonObject("event.poller.configuration").toString())
                .add("event.notification.signature.key", "sig-" + UUID.randomUUID())
                .build();
        String signatureKey = variantConfig.getString("event.notification.signature.key");
        var variant = api.post(INSTANCES, Json.createObjectBuilder(seed).add("configuration", variantConfig)
                .add("name", "variant").add("tags", Json.createArrayBuilder().add(tag).add("variant")).build().toString());
        JsonObject variantInstance = assertInstance(variant);
        assertNoSecrets(variant, app3.clientSecret(), signatureKey);
        assertEquals("0.5", variantInstance.getJsonObject("configuration").getString("event.poller.refresh_interval"));
        assertTrue(variantInstance.getBoolean("eventsEnabled"));
        assertEquals(MASK, variantInstance.getJsonObject("configuration").getString("event.notification.signature.key"));
        long variantId = id(variantInstance);

        // GET one: the token is shown to its organization
        var got = api.get(INSTANCES + "/" + id);
        assertEquals(token, assertInstance(got).getString("token"));
        assertNoSecrets(got, app.clientSecret());

        // GET list, tag filter (every given tag), paging
        var byTag = api.get(INSTANCES + "?tags[]=" + enc(tag));
        assertEquals(200, byTag.status(), byTag::toString);
        List<Long> tagged = ids(byTag.array());
        assertEquals(List.of(id, variantId), tagged);
        assertNoSecrets(byTag, app.clientSecret(), app3.clientSecret(), signatureKey);
        assertEquals(List.of(variantId), ids(api.get(INSTANCES + "?tags[]=" + enc(tag) + "&tags[]=variant").array()));
        assertEquals(List.of(), ids(api.get(INSTANCES + "?tags[]=" + enc("no-such-" + tag)).array()));
        var page1 = api.get(INSTANCES + "?pageSize=1&tags[]=" + enc(tag));
        assertEquals(List.of(id), ids(page1.array()));
        String next = page1.header("Elements-Next-Page-Token");
        assertNotNull(next, page1::toString);
        var page2 = api.get(INSTANCES + "?pageSize=1&tags[]=" + enc(tag) + "&nextPage=" + enc(next));
        assertEquals(List.of(variantId), ids(page2.array()));
        assertNull(page2.header("Elements-Next-Page-Token"), "no token on the last page");
        String tampered = (next.charAt(3) == 'A' ? "B" : "A");
        tampered = next.substring(0, 3) + tampered + next.substring(4);
        assertEquals(400, api.get(INSTANCES + "?nextPage=" + enc(tampered)).status());
        assertEquals(400, api.get(INSTANCES + "?pageSize=0").status());
        assertEquals(400, api.get(INSTANCES + "?pageSize=501").status());
        assertTrue(api.get(INSTANCES + "?pageSize=abc").message().contains("pageSize"));
        var all = api.get(INSTANCES);
        assertEquals(200, all.status());
        all.array().forEach(v -> assertFalse(v.asJsonObject().containsKey("token"), "lists do not carry tokens"));

        // PUT: the GET body sent back (masked secrets included) changes nothing secret and keeps the token
        JsonObject current = assertInstance(api.get(INSTANCES + "/" + id));
        JsonObject putBody = Json.createObjectBuilder()
                .add("element", Json.createObjectBuilder().add("key", "constantcontact"))
                .add("name", "renamed")
                .add("tags", Json.createArrayBuilder().add(tag).add("put"))
                .add("configuration", current.getJsonObject("configuration"))
                .build();
        var put = api.put(INSTANCES + "/" + id, putBody.toString());
        JsonObject afterPut = assertInstance(put);
        assertEquals("renamed", afterPut.getString("name"));
        assertEquals(token, afterPut.getString("token"), "an update without a code keeps the instance token");
        assertEquals(List.of(tag, "put"), afterPut.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(MASK, afterPut.getJsonObject("configuration").getString("oauth.api.secret"));
        assertEquals(MASK, afterPut.getJsonObject("configuration").getString("oauth.user.token"));

        // PATCH: name stays, tags replaced, configuration merged
        var patch = api.patch(INSTANCES + "/" + id, """
                {"tags":["only"],"configuration":{"event.poller.refresh_interval":"PT30S","event.notification.enabled":false,
                 "event.notification.signature.key":"patched-signature-key"}}""");
        JsonObject afterPatch = assertInstance(patch);
        assertNoSecrets(patch, "patched-signature-key", app.clientSecret());
        assertEquals("renamed", afterPatch.getString("name"));
        assertEquals(List.of("only"), afterPatch.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("PT30S", afterPatch.getJsonObject("configuration").getString("event.poller.refresh_interval"));
        assertFalse(afterPatch.getBoolean("eventsEnabled"));
        assertEquals(app.clientId(), afterPatch.getJsonObject("configuration").getString("oauth.api.key"), "untouched keys stay");
        assertEquals(MASK, afterPatch.getJsonObject("configuration").getString("event.notification.signature.key"));
        // the Cloud Elements way to switch events on for an existing instance
        var eventsOn = api.patch(INSTANCES + "/" + id,
                "{\"configuration\":{\"event.notification.enabled\":\"true\",\"event.notification.callback.url\":\"http://127.0.0.1:9/cw\"}}");
        assertTrue(assertInstance(eventsOn).getBoolean("eventsEnabled"));
        assertEquals("http://127.0.0.1:9/cw", eventsOn.json().getString("eventsNotificationCallbackUrl"));

        // configuration entries
        var entries = api.get(INSTANCES + "/" + id + "/configuration");
        assertEquals(200, entries.status(), entries::toString);
        assertNoSecrets(entries, app.clientSecret(), "patched-signature-key");
        Map<String, JsonObject> byKey = new HashMap<>();
        entries.array().forEach(e -> byKey.put(e.asJsonObject().getString("key"), e.asJsonObject()));
        JsonObject secretEntry = byKey.get("oauth.api.secret");
        assertEquals(MASK, secretEntry.getString("propertyValue"));
        assertEquals("PASSWORD", secretEntry.getString("type"));
        JsonObject intervalEntry = byKey.get("event.poller.refresh_interval");
        assertNotNull(intervalEntry.getString("name"));
        long intervalId = intervalEntry.getJsonNumber("id").longValue();
        var one = api.get(INSTANCES + "/" + id + "/configuration/" + intervalId);
        assertEquals("PT30S", one.json().getString("propertyValue"), one::toString);
        var patchedEntry = api.patch(INSTANCES + "/" + id + "/configuration/" + intervalId, "{\"propertyValue\":20}");
        assertEquals(200, patchedEntry.status(), patchedEntry::toString);
        assertEquals("20", patchedEntry.json().getString("propertyValue"));
        assertEquals(intervalId, patchedEntry.json().getJsonNumber("id").longValue(), "configuration ids are stable");
        var badEntry = api.patch(INSTANCES + "/" + id + "/configuration/" + intervalId, "{\"propertyValue\":\"-1\"}");
        assertEquals(400, badEntry.status(), badEntry::toString);
        assertTrue(badEntry.message().contains("event.poller.refresh_interval"), badEntry::toString);
        long secretId = secretEntry.getJsonNumber("id").longValue();
        var secretOne = api.get(INSTANCES + "/" + id + "/configuration/" + secretId);
        assertEquals(MASK, secretOne.json().getString("propertyValue"));
        assertEquals(404, api.get(INSTANCES + "/" + id + "/configuration/" + (intervalId + 100000)).status());

        // enabled
        var disabled = api.delete(INSTANCES + "/" + id + "/enabled");
        assertTrue(assertInstance(disabled).getBoolean("disabled"));
        var enabled = api.put(INSTANCES + "/" + id + "/enabled", null);
        assertFalse(assertInstance(enabled).getBoolean("disabled"));

        // re-provisioning with a new code revokes the instance token
        var reprovisioned = api.patch(INSTANCES + "/" + id, "{\"providerData\":{\"code\":\"" + code(api, app) + "\"}}");
        String newToken = assertInstance(reprovisioned).getString("token");
        assertNotEquals(token, newToken);
        assertEquals(newToken, api.get(INSTANCES + "/" + id).json().getString("token"));
        var reprovisionedByPut = api.put(INSTANCES + "/" + id, Json.createObjectBuilder(putBody)
                .add("providerData", Json.createObjectBuilder().add("code", code(api, app))).build().toString());
        assertNotEquals(newToken, assertInstance(reprovisionedByPut).getString("token"));

        // DELETE
        var deleted = api.delete(INSTANCES + "/" + variantId);
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(404, api.get(INSTANCES + "/" + variantId).status());
        assertEquals(404, api.delete(INSTANCES + "/" + variantId).status());
        assertFalse(ids(api.get(INSTANCES + "?tags[]=" + enc(tag)).array()).contains(variantId));
    }

    @Test
    void externalAuthenticationProvisionsFromARefreshToken() {
        Api api = admin();
        App app = App.fresh();
        String refreshToken = refreshToken(app);
        var reply = api.post(INSTANCES, external(app.clientId(), app.clientSecret(), refreshToken, "external"));
        JsonObject instance = assertInstance(reply);
        assertNoSecrets(reply, refreshToken, app.clientSecret());
        assertEquals(MASK, instance.getJsonObject("configuration").getString("oauth.user.refresh_token"));
        assertEquals(MASK, instance.getJsonObject("configuration").getString("oauth.user.token"), "redeemed at provisioning");
        // the sandbox rotates refresh tokens: the given one was spent proving the client id and secret
        var reused = sandboxToken(app, "grant_type=refresh_token&refresh_token=" + enc(refreshToken));
        assertEquals(400, reused.status(), reused::toString);
        assertEquals("invalid_grant", reused.json().getString("error"));
        var entries = api.get(INSTANCES + "/" + id(instance) + "/configuration");
        assertNoSecrets(entries, refreshToken, app.clientSecret());
        var missing = api.post(INSTANCES, """
                {"element":{"key":"constantcontact"},"externalAuthentication":"initial","name":"external",
                 "configuration":{"oauth.api.key":"k","oauth.api.secret":"s"}}""");
        assertEquals(400, missing.status(), missing::toString);
        assertTrue(missing.message().contains("oauth.user.refresh_token"), missing::toString);
        var unknownToken = api.post(INSTANCES, external(app.clientId(), app.clientSecret(), "rt-" + UUID.randomUUID(), "unknown"));
        assertEquals(400, unknownToken.status(), unknownToken::toString);
        assertTrue(unknownToken.message().contains("refresh token"), unknownToken::toString);
        assertEquals(200, api.delete(INSTANCES + "/" + id(instance)).status());
    }

    /**
     * Issue 10, item 3: client ids are public (every authorize URL shows one). Another tenant who types
     * one in with a wrong secret provisions nothing (so spends none of that app's requests and cannot
     * pause its instances), whether by code, by refresh token or by changing an instance's credentials.
     */
    @Test
    void anotherAppsClientIdWithoutItsSecretIsRefused() {
        Api owner = admin();
        App app = App.fresh();
        JsonObject victim = assertInstance(owner.post(INSTANCES, seedApiBody(owner, app, "victim", "squat")));
        var created = owner.post("/elements/api-v2/organizations", "{\"name\":\"Squatter " + UUID.randomUUID() + "\"}").json();
        Api squatter = new Api(deployment).as(created.getJsonObject("user").getString("secret"), created.getString("secret"));
        String wrongSecret = "guessed-" + UUID.randomUUID();

        // externalAuthentication, even with a genuine refresh token of the app: the secret is checked first
        String genuine = refreshToken(app);
        var byRefresh = squatter.post(INSTANCES, external(app.clientId(), wrongSecret, genuine, "squat"));
        assertEquals(400, byRefresh.status(), byRefresh::toString);
        assertTrue(byRefresh.message().contains("client credentials"), byRefresh::toString);
        assertTrue(byRefresh.json().getString("providerMessage").contains("wrong client secret"), byRefresh::toString);
        // a code the public client id got at the authorize endpoint
        var byCode = squatter.post(INSTANCES, SeedBodies.apiBody(code(squatter, app), app.clientId(), wrongSecret, CALLBACK, "15", "squat", "squat"));
        assertEquals(400, byCode.status(), byCode::toString);
        assertTrue(byCode.message().contains("client credentials"), byCode::toString);
        assertEquals(0, squatter.get(INSTANCES).array().size(), "nothing was provisioned");

        // the squatter's own, proven app, then switched to the other app's client id: refused, unchanged
        App own = App.fresh();
        JsonObject mine = assertInstance(squatter.post(INSTANCES, seedApiBody(squatter, own, "mine", "squat")));
        var switched = squatter.patch(INSTANCES + "/" + id(mine), "{\"configuration\":{\"oauth.api.key\":\"" + app.clientId() + "\"}}");
        assertEquals(400, switched.status(), switched::toString);
        assertTrue(switched.message().contains("oauth.api.key") && switched.message().contains("new authorization"), switched::toString);
        var secretOnly = squatter.patch(INSTANCES + "/" + id(mine), "{\"configuration\":{\"oauth.api.secret\":\"" + wrongSecret + "\"}}");
        assertEquals(400, secretOnly.status(), secretOnly::toString);
        assertEquals(own.clientId(), assertInstance(squatter.get(INSTANCES + "/" + id(mine))).getJsonObject("configuration").getString("oauth.api.key"));

        // the genuine refresh token was not spent by the refused attempt: its owner still provisions with it
        var ownerExternal = owner.post(INSTANCES, external(app.clientId(), app.clientSecret(), genuine, "owner-external"));
        assertInstance(ownerExternal);
        assertFalse(assertInstance(owner.get(INSTANCES + "/" + id(victim))).containsKey("quotaPausedUntil"));
        assertEquals(200, owner.delete(INSTANCES + "/" + id(ownerExternal.json())).status());
        assertEquals(200, owner.delete(INSTANCES + "/" + id(victim)).status());
        assertEquals(200, squatter.delete(INSTANCES + "/" + id(mine)).status());
    }

    static String external(String clientId, String clientSecret, String refreshToken, String name) {
        return Json.createObjectBuilder()
                .add("element", Json.createObjectBuilder().add("key", "constantcontact"))
                .add("externalAuthentication", "initial")
                .add("name", name)
                .add("configuration", Json.createObjectBuilder().add("oauth.api.key", clientId).add("oauth.api.secret", clientSecret)
                        .add("oauth.user.refresh_token", refreshToken))
                .build().toString();
    }

    /** A refresh token from the sandbox's OAuth server, as an app that authorized on its own holds one. */
    String refreshToken(App app) {
        return new Api(deployment).sandboxRefreshToken(app.clientId(), app.clientSecret());
    }

    Api.Reply sandboxToken(App app, String form) {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret()).getBytes(StandardCharsets.UTF_8));
        return new Api(deployment).send("POST", "/sandbox/constantcontact/oauth2/default/v1/token", form,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", basic));
    }

    @Test
    void aRefusedCodeIsA400WithTheProvidersMessage() {
        Api api = admin();
        App app = App.fresh();
        var reply = api.post(INSTANCES, SeedBodies.apiBody("not-a-code-" + UUID.randomUUID(), app.clientId(), app.clientSecret(),
                CALLBACK, "15", "t", "refused"));
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.message().contains("providerData.code"), reply::toString);
        assertFalse(reply.json().getString("providerMessage").isBlank(), reply::toString);
        assertNoSecrets(reply, app.clientSecret());
        // a code is single use
        String code = code(api, app);
        assertEquals(200, api.post(INSTANCES, SeedBodies.apiBody(code, app.clientId(), app.clientSecret(), CALLBACK, "15", "t", "once")).status());
        var again = api.post(INSTANCES, SeedBodies.apiBody(code, app.clientId(), app.clientSecret(), CALLBACK, "15", "t", "twice"));
        assertEquals(400, again.status(), again::toString);
        assertNotNull(again.json().getString("providerMessage"));
        // the wrong client secret
        var wrongSecret = api.post(INSTANCES, SeedBodies.apiBody(code(api, app), app.clientId(), "other-secret", CALLBACK, "15", "t", "x"));
        assertEquals(400, wrongSecret.status(), wrongSecret::toString);
        assertTrue(wrongSecret.message().contains("oauth.api.secret"), wrongSecret::toString);
    }

    @Test
    void eachValidationErrorNamesTheKey() {
        Api api = admin();
        App app = App.fresh();
        // the validation runs before the code is redeemed, so one code serves every rejected body
        String code = code(api, app);
        JsonObject seed = Json.createReader(new java.io.StringReader(
                SeedBodies.apiBody(code, app.clientId(), app.clientSecret(), CALLBACK, "15", "t", "invalid"))).readObject();
        Function<Function<JsonObject, JsonObject>, Api.Reply> post = change -> api.post(INSTANCES, change.apply(seed).toString());

        assertRejected(api.post(INSTANCES, "{\"name\":"), "is not valid JSON");
        assertRejected(api.post(INSTANCES, "[1]"), "JSON object");
        var unknown = api.post(INSTANCES, Json.createObjectBuilder(seed).add("element", Json.createObjectBuilder().add("key", "mailchimp")).build().toString());
        assertEquals(404, unknown.status(), unknown::toString);
        assertTrue(unknown.message().contains("constantcontact"), unknown::toString);
        var unknownPath = api.post("/elements/api-v2/elements/mailchimp/instances", seed.toString());
        assertEquals(404, unknownPath.status(), unknownPath::toString);
        assertTrue(unknownPath.message().contains("constantcontact"), unknownPath::toString);
        assertRejected(post.apply(o -> Json.createObjectBuilder(o).remove("name").build()), "name is required");
        assertRejected(post.apply(o -> config(o, "event.poller.refresh_interval", Json.createValue("0"))), "event.poller.refresh_interval");
        assertRejected(post.apply(o -> config(o, "event.poller.refresh_interval", Json.createValue("soon"))), "event.poller.refresh_interval");
        assertRejected(post.apply(o -> config(o, "event.notification.callback.url", Json.createValue("mycoolapp.com"))), "event.notification.callback.url");
        assertRejected(post.apply(o -> config(o, "oauth.callback.url", Json.createValue("ftp://x.example"))), "oauth.callback.url");
        assertRejected(post.apply(o -> config(o, "event.notification.callback.url", JsonValue.NULL)), "event.notification.callback.url is required");
        assertRejected(post.apply(o -> config(o, "event.poller.configuration", Json.createValue("[]"))), "event.poller.configuration");
        assertRejected(post.apply(o -> config(o, "event.poller.configuration", Json.createObjectBuilder()
                .add("campaigns", Json.createObjectBuilder().add("idField", "id")
                        .add("datesConfiguration", Json.createObjectBuilder().add("updatedDateField", "modified_date"))).build())),
                "event.poller.configuration.campaigns.url");
        assertRejected(post.apply(o -> config(o, "event.poller.configuration", Json.createObjectBuilder()
                .add("campaigns", Json.createObjectBuilder().add("url", "/hubs/marketing/campaigns")
                        .add("datesConfiguration", Json.createObjectBuilder().add("updatedDateField", "modified_date"))).build())),
                "event.poller.configuration.campaigns.idField");
        String poller = seed.getJsonObject("configuration").getJsonObject("event.poller.configuration").toString();
        assertRejected(post.apply(o -> config(o, "event.poller.configuration",
                Json.createValue(poller.replace("\"updatedDateFormat\":\"yyyy-MM-dd'T'HH:mm:ss'Z'\"", "\"updatedDateFormat\":\"yyyy-bb\"")))),
                "updatedDateFormat");
        assertRejected(post.apply(o -> config(o, "event.poller.configuration",
                Json.createValue(poller.replace("${gmtDate:", "${nowDate:")))), "event.poller.configuration.campaigns.url");
        assertRejected(post.apply(o -> Json.createObjectBuilder(o).add("tags", Json.createArrayBuilder().add("x".repeat(256))).build()), "tags[0]");
        assertRejected(post.apply(o -> config(o, "oauth.api.secret", JsonValue.NULL)), "oauth.api.secret");
        assertRejected(post.apply(o -> config(o, "oauth.api.key", JsonValue.NULL)), "oauth.api.key");
        assertRejected(post.apply(o -> config(o, "oauth.callback.url", JsonValue.NULL)), "oauth.callback.url");
        assertRejected(post.apply(o -> Json.createObjectBuilder(o).remove("providerData").build()), "providerData.code");
        assertRejected(post.apply(o -> config(o, "event.notification.enabled", Json.createValue("maybe"))), "event.notification.enabled");

        // bodies over 1 MiB: declared by Content-Length, and streamed without one
        String big = seed.toString().replace("\"invalid\"", "\"" + "n".repeat(1024 * 1024) + "\"");
        assertEquals(413, largePost(big, false));
        assertEquals(413, largePost(big, true));

        // after all of that the code is still good: nothing was redeemed
        var finallyOk = api.post(INSTANCES, seed.toString());
        assertEquals(200, finallyOk.status(), finallyOk::toString);
        assertEquals(200, api.delete(INSTANCES + "/" + id(finallyOk.json())).status());
    }

    @Test
    void anotherOrganizationSeesNothing() {
        Api api = admin();
        App app = App.fresh();
        JsonObject instance = assertInstance(api.post(INSTANCES, seedApiBody(api, app, "mine", "iso")));
        long id = id(instance);
        long configId = api.get(INSTANCES + "/" + id + "/configuration").array().getJsonObject(0).getJsonNumber("id").longValue();
        var org = api.post("/elements/api-v2/organizations", "{\"name\":\"other-" + UUID.randomUUID() + "\"}");
        assertEquals(200, org.status(), org::toString);
        String orgSecret = org.json().getString("secret");
        Api other = new Api(deployment).as(org.json().getJsonObject("user").getString("secret"), orgSecret);

        String path = INSTANCES + "/" + id;
        List<Api.Reply> replies = new ArrayList<>();
        replies.add(other.get(path));
        replies.add(other.put(path, "{\"name\":\"x\",\"configuration\":{\"oauth.api.key\":\"k\",\"oauth.api.secret\":\"s\"}}"));
        replies.add(other.patch(path, "{\"name\":\"x\"}"));
        replies.add(other.get(path + "/configuration"));
        replies.add(other.get(path + "/configuration/" + configId));
        replies.add(other.patch(path + "/configuration/" + configId, "{\"propertyValue\":\"x\"}"));
        replies.add(other.put(path + "/enabled", null));
        replies.add(other.delete(path + "/enabled"));
        // every component's resources under the instance make the same check (InstanceOwnership)
        replies.add(other.get(path + "/events"));
        replies.add(other.get(path + "/events/analytics"));
        replies.add(other.get(path + "/events/1"));
        replies.add(other.get(path + "/events/poller"));
        replies.add(other.post(path + "/events/poller/run", null));
        replies.add(other.get(path + "/events/subscription"));
        replies.add(other.put(path + "/events/subscription", null));
        replies.add(other.delete(path + "/events/subscription"));
        replies.add(other.post(path + "/events/webhook-secret/rotate", null));
        replies.add(other.get(path + "/notifications"));
        replies.add(other.post(path + "/notifications/redeliver", null));
        replies.add(other.delete(path));
        for (Api.Reply reply : replies) {
            assertEquals(404, reply.status(), reply::toString);
            assertFalse(reply.body().contains("mine"), reply::toString);
            assertTrue(reply.message().contains("Element instance " + id + " does not exist"), reply::toString);
        }
        assertFalse(ids(other.get(INSTANCES).array()).contains(id));
        // a page token of one organization means nothing to another
        api.post(INSTANCES, seedApiBody(api, app, "mine too", "iso"));
        String next = api.get(INSTANCES + "?pageSize=1").header("Elements-Next-Page-Token");
        assertNotNull(next);
        assertEquals(400, other.get(INSTANCES + "?nextPage=" + enc(next)).status());
        // the instance is untouched
        JsonObject after = assertInstance(api.get(path));
        assertEquals("mine", after.getString("name"));
        assertFalse(after.getBoolean("disabled"));

        // a user who owns instances cannot be removed until they are gone
        var user = other.post("/elements/api-v2/organizations/users", "{\"emailAddress\":\"owner-" + UUID.randomUUID() + "@example.com\"}");
        assertEquals(200, user.status(), user::toString);
        Api owner = new Api(deployment).as(user.json().getString("secret"), orgSecret);
        App ownedApp = App.fresh();
        var owned = owner.post(INSTANCES, external(ownedApp.clientId(), ownedApp.clientSecret(), refreshToken(ownedApp), "owned"));
        JsonObject ownedInstance = assertInstance(owned);
        assertEquals(user.json().getString("emailAddress"), ownedInstance.getJsonObject("user").getString("emailAddress"));
        var refused = other.delete("/elements/api-v2/organizations/users/" + user.json().getJsonNumber("id").longValue());
        assertEquals(409, refused.status(), refused::toString);
        assertEquals(200, other.delete(INSTANCES + "/" + id(ownedInstance)).status());
        assertEquals(200, other.delete("/elements/api-v2/organizations/users/" + user.json().getJsonNumber("id").longValue()).status());
    }

    @Test
    void theOAuthUrlValidatesItsParameters() {
        Api api = admin();
        var unknown = api.get("/elements/api-v2/elements/mailchimp/oauth/url?apiKey=a&callbackUrl=" + enc(CALLBACK));
        assertEquals(404, unknown.status(), unknown::toString);
        assertTrue(unknown.message().contains("constantcontact"));
        assertRejected(api.get("/elements/api-v2/elements/constantcontact/oauth/url?callbackUrl=" + enc(CALLBACK)), "apiKey");
        assertRejected(api.get("/elements/api-v2/elements/constantcontact/oauth/url?apiKey=a&callbackUrl=nope"), "callbackUrl");
        var scoped = api.get("/elements/api-v2/elements/constantcontact/oauth/url?apiKey=a&callbackUrl=" + enc(CALLBACK) + "&scope=contact_data");
        assertEquals("contact_data", query(scoped.json().getString("oauthUrl")).get("scope"));
        assertEquals(401, new Api(deployment).get("/elements/api-v2/elements/constantcontact/oauth/url?apiKey=a").status());
    }

    /** Issue 10 item 1: a number with a huge exponent costs nothing and is refused in a few bytes, whichever setting holds it. */
    @Test
    void hugeExponentsAreRefusedInAShortAnswer() {
        Api api = admin();
        App app = App.fresh();
        var created = api.post(INSTANCES, external(app.clientId(), app.clientSecret(), refreshToken(app), "exponents"));
        assertEquals(200, created.status(), created::toString);
        long id = id(created.json());
        for (String key : List.of("pageSize", "pollDelay", "createdCheckTolerance")) {
            for (String number : List.of("\"1e10000000\"", "\"1e999999999\"", "1e999999999", "\"-1e999999999\"")) {
                String poller = "{\"campaigns\":{\"url\":\"/hubs/marketing/campaigns\",\"idField\":\"id\","
                        + "\"datesConfiguration\":{\"updatedDateField\":\"modified_date\"},\"" + key + "\":" + number + "}}";
                var reply = api.patch(INSTANCES + "/" + id, Json.createObjectBuilder().add("configuration",
                        Json.createObjectBuilder().add("event.poller.configuration", poller)).build().toString());
                assertRejected(reply, "campaigns." + key + " must be a number");
                assertTrue(reply.body().length() < 400, reply::toString);
            }
        }
        var interval = api.patch(INSTANCES + "/" + id, "{\"configuration\":{\"event.poller.refresh_interval\":\"1e-999999999\"}}");
        assertRejected(interval, "event.poller.refresh_interval");
        assertTrue(interval.body().length() < 400, interval::toString);
        // issue 10 item 10: API answers are never cached and carry the security headers
        var listed = api.get(INSTANCES);
        assertEquals("no-store", listed.header("Cache-Control"));
        assertEquals("nosniff", listed.header("X-Content-Type-Options"));
        assertEquals("no-referrer", listed.header("Referrer-Policy"));
        assertFalse(listed.header("Content-Security-Policy").contains("unsafe-eval"));
        assertEquals(200, api.delete(INSTANCES + "/" + id).status());
    }

    static JsonObject config(JsonObject body, String key, JsonValue value) {
        var c = Json.createObjectBuilder(body.getJsonObject("configuration"));
        if (value == JsonValue.NULL) {
            c.remove(key);
        } else {
            c.add(key, value);
        }
        return Json.createObjectBuilder(body).add("configuration", c).build();
    }

    static void assertRejected(Api.Reply reply, String expected) {
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.message().contains(expected), () -> "'" + reply.message() + "' should mention " + expected);
        assertNotNull(reply.json().getString("requestId"));
    }

    static List<Long> ids(JsonArray array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(v -> ids.add(v.asJsonObject().getJsonNumber("id").longValue()));
        return ids;
    }

    /** POSTs a large body over HTTP/1.1, with its Content-Length or streamed without one (chunked); answers the status. */
    int largePost(String body, boolean chunked) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deployment.getPort() + INSTANCES))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "User " + Api.BOOTSTRAP_USER + ", Organization " + Api.BOOTSTRAP_ORGANIZATION)
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                        : HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- the published contract (issue 15)

    /** {@code /openapi} serves the committed contract unchanged: a changed document must be committed, and the other way round. */
    @Test
    void theServedContractIsTheCommittedOne() {
        var served = new Api(deployment).send("GET", "/openapi", null, Map.of("Accept", "application/json"));
        assertEquals(200, served.status(), served::toString);
        assertTrue(served.header("Content-Type").startsWith("application/json"), served.header("Content-Type"));
        List<String> differences = ContractClients.differences(ContractClients.committed(), ContractClients.served(served.body()));
        assertEquals(List.of(), differences, "the served /openapi differs from " + ContractClients.CONTRACT
                + "; update the committed document (docs/api.md)");
        var yaml = new Api(deployment).get("/openapi");
        assertEquals(200, yaml.status(), yaml::toString);
        assertTrue(yaml.body().contains("title: Changewire"), yaml::toString);
        assertFalse(yaml.body().contains("/sandbox"), "the sandbox is not part of the contract");
    }

    /**
     * The README's flow with nothing but the client generated from the contract: the OAuth URL, the sandbox's
     * authorize (the provider's page, not Changewire's API), an instance from the seed's JSON, list and patch,
     * the hub page by page, the poller, events, notifications, redelivery, a typed error, delete.
     */
    @Test
    void theClientGeneratedFromTheContractRunsTheReadmeFlow() throws Exception {
        Receiver receiver = Receiver.start();
        try {
            App app = App.fresh();
            String account = "contract-" + UUID.randomUUID().toString().substring(0, 8);
            String hook = "/hook/" + account;
            ApiClient client = ContractClients.client(deployment, "User " + Api.BOOTSTRAP_USER + ", Organization " + Api.BOOTSTRAP_ORGANIZATION);
            InstancesApi instances = new InstancesApi(client);

            // 1. the OAuth URL, and the provider's redirect with a code
            var url = new ElementsApi(client).getOAuthUrl("constantcontact", app.clientId(), URI.create(CALLBACK), "demo", null);
            assertEquals("constantcontact", url.getElement());
            var redirect = new Api(deployment).get(url.getOauthUrl() + "&account=" + enc(account));
            assertEquals(302, redirect.status(), redirect::toString);
            String code = query(redirect.header("Location")).get("code");
            assertEquals(200, admin().put("/sandbox/constantcontact/admin/clients/" + app.clientId() + "/limits",
                    "{\"requestsPerSecond\":1000,\"requestsPerDay\":1000000}").status());

            // 2. the seed's JSON, read into the contract's request type, with this test's app, receiver and resources
            String seed = Files.readString(Path.of("examples/seed-instance.json")).replace("__CODE__", code);
            InstanceRequest request = client.getObjectMapper().readValue(seed, InstanceRequest.class);
            request.getConfiguration().put("oauth.api.key", app.clientId());
            request.getConfiguration().put("oauth.api.secret", app.clientSecret());
            request.getConfiguration().put("oauth.callback.url", CALLBACK);
            request.getConfiguration().put("event.notification.callback.url", receiver.url(hook));
            request.getConfiguration().put("event.poller.configuration", client.getObjectMapper().readValue(DeliveryIT.CONTACTS_ONLY, Map.class));
            Instance created = instances.createInstance(request);
            long id = created.getId();
            assertEquals("API_Polling", created.getName());
            assertEquals(List.of("Test"), created.getTags());
            assertNotNull(created.getToken());
            assertEquals(MASK, created.getConfiguration().get("oauth.api.secret"));
            assertTrue(created.getConfiguration().get("event.notification.webhook.secret").startsWith("whsec_"), "shown once, at creation");
            assertTrue(created.getEventsEnabled());

            // 3. list and patch
            assertTrue(instances.listInstances(List.of("Test"), 500, null).stream().anyMatch(i -> i.getId() == id));
            Instance patched = instances.updateInstance(id, new InstanceRequest().name("API_Polling renamed"));
            assertEquals("API_Polling renamed", patched.getName());
            assertEquals(List.of("Test"), patched.getTags(), "a PATCH of the name leaves the tags");
            ConfigurationEntry interval = instances.listInstanceConfiguration(id).stream()
                    .filter(e -> e.getKey().equals("event.poller.refresh_interval")).findFirst().orElseThrow();
            ConfigurationEntry changed = instances.updateInstanceConfigurationEntry(id, interval.getId(), new ConfigurationEntryChange().propertyValue("60"));
            assertEquals("60", changed.getPropertyValue());
            assertEquals(MASK, instances.getInstance(id).getConfiguration().get("event.notification.webhook.secret"));

            // 4. the hub, page by page with the next-page token (the Element token in the Authorization header)
            writeContacts(account, 3);
            HubApi hub = new HubApi(ContractClients.client(deployment,
                    "User " + Api.BOOTSTRAP_USER + ", Organization " + Api.BOOTSTRAP_ORGANIZATION + ", Element " + created.getToken()));
            Set<Object> ids = new LinkedHashSet<>();
            String next = null;
            int pages = 0;
            do {
                ApiResponse<List<Map<String, Object>>> page = hub.listHubRecordsWithHttpInfo("contacts", "modified_since='2020-01-01T00:00:00Z'",
                        null, null, 2, next);
                assertEquals(List.of(Long.toString(id)), page.getHeaders().get("elements-element-instance-id"), page.getHeaders()::toString);
                assertTrue(page.getData().size() <= 2);
                page.getData().forEach(record -> assertTrue(ids.add(record.get("id")), "no record twice: " + record));
                next = page.getHeaders().getOrDefault("elements-next-page-token", List.of()).stream().findFirst().orElse(null);
                pages++;
            } while (next != null && pages < 50);
            assertTrue(pages >= 2 && ids.size() >= 3, pages + " pages, " + ids.size() + " records");

            // 5. the poller: status, poll now (the hub's contacts were created after events were enabled: CREATED), then two more
            PollerApi poller = new PollerApi(client);
            PollerStatus status = poller.getPollerStatus(id);
            assertEquals(PollerState.ACTIVE, status.getStatus());
            assertEquals(List.of("contacts"), status.getResources().stream().map(r -> r.getName()).toList());
            retryWhileBusy(() -> poller.runPoller(id));
            List<String> written = writeContacts(account, 2);
            RunSummary run = retryWhileBusy(() -> poller.runPoller(id));
            assertEquals(RunSummary.OutcomeEnum.COMPLETED, run.getOutcome());
            assertEquals(2, run.getEventsRecorded());
            assertEquals(2, run.getResources().get(0).getCreated());
            assertNotNull(poller.getPollerStatus(id).getResources().get(0).getLastSuccess());

            // 6. events, newest first, page by page
            EventsApi events = new EventsApi(client);
            ApiResponse<List<Event>> first = events.listInstanceEventsWithHttpInfo(id, "contacts", EventType.CREATED, null, null, 1, null);
            String token = first.getHeaders().get("elements-next-page-token").get(0);
            List<Event> second = events.listInstanceEvents(id, "contacts", EventType.CREATED, null, null, 1, token);
            assertEquals(Set.copyOf(written), Set.of(first.getData().get(0).getObjectId(), second.get(0).getObjectId()));
            Event one = events.getInstanceEvent(id, Long.valueOf(second.get(0).getId()));
            assertEquals(second.get(0).getObjectId(), client.getObjectMapper().readTree(one.getProviderData()).get("id").asText());
            assertEquals(EventType.CREATED, one.getNotifiedData().get(0).getEventType());
            assertTrue(events.getInstanceEventAnalytics(id, null, null, "hour").stream()
                    .mapToLong(b -> b.getByEventType().getOrDefault("CREATED", 0L)).sum() >= 2, "the analytics count them");

            // 7. the notifications, delivered; a redelivery sends one again with the same id
            NotificationsApi notifications = new NotificationsApi(client);
            Waits.awaitTrue(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
                List<Notification> log = call(() -> notifications.listInstanceNotifications(id, null, null, null));
                return !log.isEmpty() && log.stream().allMatch(n -> n.getStatus() == NotificationStatus.DELIVERED)
                        && log.stream().mapToInt(n -> n.getEvents().size()).sum() == call(() -> events.listInstanceEvents(id, null, null, null, null, 500, null)).size()
                        && receiver.successes(hook).size() == log.size();
            }, "every event notified and DELIVERED in the log");
            // a dispatch takes every event not yet notified, so the first run's events may share the notification
            Notification latest = notifications.listInstanceNotifications(id, "DELIVERED", null, null).stream()
                    .filter(n -> n.getEvents().stream().map(e -> e.getObjectId()).toList().containsAll(written))
                    .findFirst().orElseThrow(() -> new AssertionError("a notification of the two contacts"));
            assertEquals(200, latest.getAttempts().get(0).getHttpStatus());
            int before = receiver.successes(hook).size();
            assertEquals(latest.getId(), notifications.redeliverNotification(latest.getId()).getId());
            DeliveryIT.awaitTrue(Duration.ofSeconds(30), () -> receiver.successes(hook).size() == before + 1, "the redelivery");
            assertEquals(latest.getId(), receiver.successes(hook).get(before).header("webhook-id"));

            // 8. a refusal is a typed error with the contract's body
            ApiException refused = assertThrows(ApiException.class, () -> instances.listInstances(null, 0, null));
            assertEquals(400, refused.getCode());
            ErrorBody error = ContractClients.error(client, refused);
            assertTrue(error.getMessage().contains("pageSize"), error::toString);
            assertNotNull(error.getRequestId());

            // 9. delete; then it is gone
            assertTrue(instances.deleteInstance(id).getDeleted());
            ApiException gone = assertThrows(ApiException.class, () -> instances.getInstance(id));
            assertEquals(404, gone.getCode());
            assertTrue(ContractClients.error(client, gone).getMessage().contains("does not exist"));
        } finally {
            receiver.stop();
        }
    }

    /** Contacts written straight into a sandbox account (the test's control, not Changewire's API). */
    List<String> writeContacts(String account, int count) {
        List<String> ids = new ArrayList<>();
        Instant at = Instant.now().plusMillis(200);
        for (int i = 0; i < count; i++) {
            String contact = UUID.randomUUID().toString();
            Instant when = at.plusMillis(i);
            var put = admin().put("/sandbox/constantcontact/admin/accounts/" + account + "/contacts/" + contact,
                    "{\"first_name\":\"n" + i + "\",\"email_address\":{\"address\":\"" + contact.substring(0, 8)
                            + "@example.com\",\"permission_to_send\":\"implicit\"},\"created_at\":\"" + when
                            + "\",\"updated_at\":\"" + when + "\"}");
            assertEquals(200, put.status(), put::toString);
            ids.add(contact);
        }
        return ids;
    }

    /** A manual poll waits while a scheduled one holds the lease (409). */
    static <T> T retryWhileBusy(Callable<T> call) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return call.call();
            } catch (ApiException e) {
                if (e.getCode() != 409 || i >= 40) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    static <T> T call(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
