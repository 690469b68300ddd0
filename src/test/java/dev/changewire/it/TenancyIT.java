package dev.changewire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Organizations, users and authentication, over HTTP as a client calls them. */
@ExtendWith(ArquillianExtension.class)
class TenancyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.changewire();
    }

    @ArquillianResource
    URL deployment;

    private Api admin() {
        return new Api(deployment).asBootstrapAdmin();
    }

    /** A new organization made by the bootstrap admin; returns an Api acting as its first admin. */
    private Api newOrganization(String name) {
        var reply = admin().post("/elements/api-v2/organizations", "{\"name\":\"" + name + "\"}");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        return new Api(deployment).as(body.getJsonObject("user").getString("secret"), body.getString("secret"));
    }

    @Test
    void bootstrapAdminCreatesAnOrganizationWhoseSecretsWorkAndAreShownOnce() {
        var reply = admin().post("/elements/api-v2/organizations",
                "{\"name\":\"Acme " + UUID.randomUUID() + "\",\"user\":{\"emailAddress\":\"ops@acme.test\",\"firstName\":\"Ada\"}}");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject org = reply.json();
        assertTrue(org.getJsonNumber("id").longValue() > 0);
        String orgSecret = org.getString("secret");
        String userSecret = org.getJsonObject("user").getString("secret");
        assertTrue(orgSecret.length() >= 43 && userSecret.length() >= 43, "32 random bytes at least");
        assertNotEquals(orgSecret, userSecret);

        Api acme = new Api(deployment).as(userSecret, orgSecret);
        var users = acme.get("/elements/api-v2/organizations/users");
        assertEquals(200, users.status(), users::toString);
        assertEquals(1, users.array().size());
        JsonObject user = users.array().getJsonObject(0);
        assertEquals("ops@acme.test", user.getString("emailAddress"));
        assertEquals("Ada", user.getString("firstName"));
        assertEquals("admin", user.getString("role"));
        assertFalse(user.containsKey("secret"), "a secret is shown only when created");
        assertFalse(users.body().contains(userSecret));
    }

    @Test
    void onlyTheBootstrapOrganizationsAdminCreatesOrganizations() {
        Api other = newOrganization("Other " + UUID.randomUUID());
        var reply = other.post("/elements/api-v2/organizations", "{\"name\":\"Nope\"}");
        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.message().contains("bootstrap organization"), reply::toString);
    }

    @Test
    void organizationNameIsValidated() {
        assertEquals(400, admin().post("/elements/api-v2/organizations", "{}").status());
        var blank = admin().post("/elements/api-v2/organizations", "{\"name\":\"  \"}");
        assertEquals(400, blank.status());
        assertTrue(blank.message().contains("name"), blank::toString);
        var longName = admin().post("/elements/api-v2/organizations", "{\"name\":\"" + "x".repeat(256) + "\"}");
        assertEquals(400, longName.status());
        var notString = admin().post("/elements/api-v2/organizations", "{\"name\":42}");
        assertEquals(400, notString.status());
        assertTrue(notString.message().contains("name"), notString::toString);
    }

    @Test
    void malformedJsonIs400WithErrorBody() {
        var reply = admin().post("/elements/api-v2/organizations", "{\"name\":");
        assertEquals(400, reply.status(), reply::toString);
        assertNotNull(reply.message());
        assertNotNull(reply.json().getString("requestId"));
    }

    @Test
    void usersAreAddedWithASecretShownOnceAndRemoved() {
        Api org = newOrganization("Users " + UUID.randomUUID());
        var added = org.post("/elements/api-v2/organizations/users",
                "{\"emailAddress\":\"dev@users.test\",\"firstName\":\"Dev\",\"lastName\":\"One\"}");
        assertEquals(200, added.status(), added::toString);
        JsonObject user = added.json();
        assertEquals("user", user.getString("role"));
        String secret = user.getString("secret");
        long id = user.getJsonNumber("id").longValue();

        // the new user works with the organization's secret, but is not an admin
        String orgSecret = orgSecretOf(org);
        Api dev = new Api(deployment).as(secret, orgSecret);
        assertEquals(200, dev.get("/elements/api-v2/organizations/users").status());
        assertEquals(403, dev.post("/elements/api-v2/organizations/users", "{\"emailAddress\":\"x@users.test\"}").status());

        var duplicate = org.post("/elements/api-v2/organizations/users", "{\"emailAddress\":\"DEV@users.test\"}");
        assertEquals(409, duplicate.status(), duplicate::toString);

        assertEquals(200, org.delete("/elements/api-v2/organizations/users/" + id).status());
        assertEquals(401, dev.get("/elements/api-v2/organizations/users").status(), "a removed user's secret stops working");
        assertEquals(404, org.delete("/elements/api-v2/organizations/users/" + id).status());
    }

    @Test
    void userValidation() {
        Api org = newOrganization("Validation " + UUID.randomUUID());
        var noEmail = org.post("/elements/api-v2/organizations/users", "{\"firstName\":\"X\"}");
        assertEquals(400, noEmail.status());
        assertTrue(noEmail.message().contains("emailAddress"), noEmail::toString);
        var badEmail = org.post("/elements/api-v2/organizations/users", "{\"emailAddress\":\"not-an-email\"}");
        assertEquals(400, badEmail.status());
        assertTrue(badEmail.message().contains("not-an-email"), badEmail::toString);
        var badRole = org.post("/elements/api-v2/organizations/users", "{\"emailAddress\":\"r@v.test\",\"role\":\"owner\"}");
        assertEquals(400, badRole.status());
        assertTrue(badRole.message().contains("role"), badRole::toString);
    }

    @Test
    void theLastAdminAndOneselfCannotBeRemoved() {
        Api org = newOrganization("Admins " + UUID.randomUUID());
        long self = org.get("/elements/api-v2/organizations/users").array().getJsonObject(0).getJsonNumber("id").longValue();
        var removeSelf = org.delete("/elements/api-v2/organizations/users/" + self);
        assertEquals(409, removeSelf.status(), removeSelf::toString);

        var second = org.post("/elements/api-v2/organizations/users", "{\"emailAddress\":\"second@admins.test\",\"role\":\"admin\"}").json();
        Api secondAdmin = new Api(deployment).as(second.getString("secret"), orgSecretOf(org));
        assertEquals(200, secondAdmin.delete("/elements/api-v2/organizations/users/" + self).status());
        var last = secondAdmin.delete("/elements/api-v2/organizations/users/" + second.getJsonNumber("id").longValue());
        assertEquals(409, last.status(), last::toString);
    }

    @Test
    void usersOfAnotherOrganizationAreInvisible() {
        Api a = newOrganization("A " + UUID.randomUUID());
        Api b = newOrganization("B " + UUID.randomUUID());
        long aUser = a.get("/elements/api-v2/organizations/users").array().getJsonObject(0).getJsonNumber("id").longValue();
        var reply = b.delete("/elements/api-v2/organizations/users/" + aUser);
        assertEquals(404, reply.status(), reply::toString);
        assertFalse(b.get("/elements/api-v2/organizations/users").body().contains("\"id\":" + aUser + ","));
    }

    @Test
    void wrongOrMissingSecretsAre401() {
        Api api = new Api(deployment);
        var missing = api.get("/elements/api-v2/organizations/users");
        assertEquals(401, missing.status());
        assertTrue(missing.message().contains("User"), missing::toString);
        assertNotNull(missing.json().getString("requestId"));
        assertEquals(401, api.as(Api.BOOTSTRAP_USER, "wrong-organization-secret").get("/elements/api-v2/organizations/users").status());
        assertEquals(401, api.as("wrong-user-secret", Api.BOOTSTRAP_ORGANIZATION).get("/elements/api-v2/organizations/users").status());
        // a valid user with another organization's secret
        Api other = newOrganization("Mix " + UUID.randomUUID());
        assertEquals(401, api.as(Api.BOOTSTRAP_USER, orgSecretOf(other)).get("/elements/api-v2/organizations/users").status());
        assertEquals(401, api.withAuthorization("Bearer abc").get("/elements/api-v2/organizations/users").status());
    }

    /** Issue 10, item 2: the organization secret is required on every platform call; an Element token does not replace it. */
    @Test
    void theOrganizationSecretIsRequiredEvenWithAnElementToken() {
        Api userAndJunkElement = new Api(deployment).withAuthorization("User " + Api.BOOTSTRAP_USER + ", Element junk");
        for (String path : new String[] {"/elements/api-v2/instances", "/elements/api-v2/organizations/users", "/elements/api-v2/instances/events"}) {
            var reply = userAndJunkElement.get(path);
            assertEquals(401, reply.status(), () -> path + ": " + reply);
            assertTrue(reply.message().contains("Organization"), reply::toString);
            assertNotNull(reply.json().getString("requestId"));
        }
        String name = "Squat " + UUID.randomUUID();
        var create = userAndJunkElement.post("/elements/api-v2/organizations", "{\"name\":\"" + name + "\"}");
        assertEquals(401, create.status(), create::toString);
        var wrongOrganizationWithElement = new Api(deployment).withAuthorization(
                "User " + Api.BOOTSTRAP_USER + ", Organization not-the-secret, Element junk");
        assertEquals(401, wrongOrganizationWithElement.get("/elements/api-v2/instances").status());
        // the full header still works, with or without an Element part
        assertEquals(200, new Api(deployment).withAuthorization("User " + Api.BOOTSTRAP_USER + ", Organization "
                + Api.BOOTSTRAP_ORGANIZATION + ", Element junk").get("/elements/api-v2/organizations/users").status());
    }

    /**
     * Issue 10, item 9: failed authentications are throttled per client address. The guesser calls from
     * its own loopback address (127.0.0.x), so the other tests' address is not blocked.
     */
    @Test
    void guessingSecretsFromOneAddressIsThrottledWith429AndRetryAfter() throws Exception {
        String guesser = "127.0.0." + (20 + new java.util.Random().nextInt(200));
        int maxFailures = 20; // changewire.auth.max-failures' default
        for (int i = 1; i <= maxFailures; i++) {
            RawReply reply = rawGet(guesser, "User guess-" + i + ", Organization " + Api.BOOTSTRAP_ORGANIZATION);
            assertEquals(401, reply.status(), "guess " + i + ": " + reply);
        }
        RawReply refused = rawGet(guesser, "User guess-x, Organization " + Api.BOOTSTRAP_ORGANIZATION);
        assertEquals(429, refused.status(), refused::toString);
        long retryAfter = Long.parseLong(refused.headers().get("retry-after"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, refused::toString);
        assertTrue(refused.body().contains("\"message\"") && refused.body().contains("\"requestId\""), refused::toString);
        // while blocked even the right secrets are refused from that address: a guess is not told it was right
        RawReply right = rawGet(guesser, "User " + Api.BOOTSTRAP_USER + ", Organization " + Api.BOOTSTRAP_ORGANIZATION);
        assertEquals(429, right.status(), right::toString);
        // another address is not affected
        assertEquals(200, admin().get("/elements/api-v2/organizations/users").status());
    }

    record RawReply(int status, Map<String, String> headers, String body) {
    }

    /** One GET over a socket bound to {@code from}: Java 17's HttpClient cannot choose its local address. */
    private RawReply rawGet(String from, String authorization) throws java.io.IOException {
        try (var socket = new java.net.Socket(java.net.InetAddress.getByName("127.0.0.1"), deployment.getPort(),
                java.net.InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(10_000);
            String request = "GET /elements/api-v2/organizations/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, end).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new RawReply(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(end + 4));
        }
    }

    @Test
    void unknownPathAndWrongMethodUseTheErrorBody() {
        var unknown = admin().get("/elements/api-v2/no-such-thing");
        assertEquals(404, unknown.status(), unknown::toString);
        assertNotNull(unknown.message());
        var wrongMethod = admin().send("PUT", "/elements/api-v2/organizations/users", "{}", Map.of());
        assertEquals(405, wrongMethod.status(), wrongMethod::toString);
        assertNotNull(wrongMethod.message());
    }

    private String orgSecretOf(Api api) {
        return api.organizationSecret();
    }
}
