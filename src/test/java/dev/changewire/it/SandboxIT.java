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
import java.util.UUID;
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
}
