package dev.changewire.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTTP client for the integration tests, speaking to the server as an API client would.
 * Payara Micro announces the machine's other address; every call goes to 127.0.0.1 instead.
 */
public final class Api {

    public static final String BOOTSTRAP_USER = "it-user-secret-0123456789abcdefgh";
    public static final String BOOTSTRAP_ORGANIZATION = "it-organization-secret-0123456789abcdef";
    /** changewire.sandbox.admin-secret of the test servers (pom.xml). */
    public static final String SANDBOX_ADMIN_SECRET = "it-sandbox-admin-secret-0123456789abcdef";

    // HTTP/1.1 as API clients and Prometheus speak it: left to its default, the JDK client asks every plain-HTTP
    // server to upgrade to HTTP/2 (h2c), which WildFly's Undertow accepts and Payara Micro does not, so the two
    // servers would be tested over different protocols (a WildFly CI pass had a GET /metrics fail with an IOException under load)
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final URI base;
    private String authorization;

    public Api(URL deployment) {
        this.base = URI.create("http://127.0.0.1:" + deployment.getPort() + "/");
    }

    private Api(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public URI base() {
        return base;
    }

    /** The same server, calling with the given secrets. */
    public Api as(String userSecret, String organizationSecret) {
        return new Api(base, "User " + userSecret + ", Organization " + organizationSecret);
    }

    /** The organization secret this client calls with, if it was made by {@link #as}. */
    public String organizationSecret() {
        int at = authorization == null ? -1 : authorization.indexOf("Organization ");
        return at < 0 ? null : authorization.substring(at + "Organization ".length()).trim();
    }

    public Api withAuthorization(String header) {
        return new Api(base, header);
    }

    public Api asBootstrapAdmin() {
        return as(BOOTSTRAP_USER, BOOTSTRAP_ORGANIZATION);
    }

    public Reply get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json, Map.of());
    }

    public Reply patch(String path, String json) {
        return send("PATCH", path, json, Map.of());
    }

    public Reply send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null && !headers.containsKey("Authorization")) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        // the sandbox's admin calls (test control, never Changewire's API) carry the test servers' admin secret
        if (path.contains("/sandbox/constantcontact/admin") && !headers.containsKey("Sandbox-Admin-Secret")) {
            request.header("Sandbox-Admin-Secret", SANDBOX_ADMIN_SECRET);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A refresh token issued by the sandbox's OAuth server to an app (client id and secret), as an app that
     * authorized on its own holds one: what {@code externalAuthentication} provisioning redeems.
     */
    public String sandboxRefreshToken(String clientId, String clientSecret) {
        String callback = "https://app.example.com/oauth/callback";
        Reply redirect = get("/sandbox/constantcontact/oauth2/default/v1/authorize?client_id=" + QueryStrings.enc(clientId)
                + "&redirect_uri=" + QueryStrings.enc(callback) + "&response_type=code&scope="
                + QueryStrings.enc("contact_data campaign_data offline_access") + "&state=x");
        if (redirect.status() != 302) {
            throw new AssertionError("sandbox authorize: " + redirect);
        }
        String code = QueryStrings.query(redirect.header("Location")).get("code");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Reply tokens = send("POST", "/sandbox/constantcontact/oauth2/default/v1/token",
                "grant_type=authorization_code&code=" + QueryStrings.enc(code) + "&redirect_uri=" + QueryStrings.enc(callback),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", basic));
        if (tokens.status() != 200) {
            throw new AssertionError("sandbox token: " + tokens);
        }
        return tokens.json().getString("refresh_token");
    }

    public record Reply(int status, String body, Map<String, List<String>> headers) {

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonArray array() {
            return (JsonArray) structure();
        }

        public JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            } catch (RuntimeException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        public String message() {
            JsonValue m = json().get("message");
            return m == null ? null : ((jakarta.json.JsonString) m).getString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
