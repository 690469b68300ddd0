package dev.changewire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10: thousands of generated bad requests, as an attacker or a broken client sends them, across
 * every endpoint family (bodies, ids, headers, query parameters, CEQL, content types, sizes), from a
 * tenant of its own and from no tenant at all. Each must be answered with a 4xx and the
 * {@code {message, requestId}} JSON body, small, with the security headers; the heap must stay
 * bounded and nothing the API lists may change. Seeded ({@code -Dhostile.seed}, default fixed) and
 * printed as totals by status and family, so a run can be reproduced and compared.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

    static final String API = "/elements/api-v2";
    static final long SEED = Long.getLong("hostile.seed", 20261201L);
    static final int GENERATED = Integer.getInteger("hostile.requests", 2400);
    /** Every error answer fits in this; a message quoting its input would not. */
    static final int MAX_ANSWER_BYTES = 2048;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.changewire();
    }

    @ArquillianResource
    URL deployment;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Api admin;
    Api tenant;
    String tenantAuthorization;
    long instanceId;
    long configurationId;
    String instanceToken;
    long foreignInstanceId;

    @BeforeEach
    void tenants() {
        admin = new Api(deployment).asBootstrapAdmin();
        var organization = admin.post(API + "/organizations", "{\"name\":\"hostile-" + UUID.randomUUID() + "\"}");
        assertEquals(200, organization.status(), organization::toString);
        JsonObject created = organization.json();
        tenant = new Api(deployment).as(created.getJsonObject("user").getString("secret"), created.getString("secret"));
        tenantAuthorization = "User " + created.getJsonObject("user").getString("secret") + ", Organization " + created.getString("secret");
        JsonObject instance = createInstance(tenant, "target");
        instanceId = instance.getJsonNumber("id").longValue();
        instanceToken = instance.getString("token");
        configurationId = tenant.get(API + "/instances/" + instanceId + "/configuration").array().getJsonObject(0)
                .getJsonNumber("id").longValue();
        foreignInstanceId = createInstance(admin, "foreign").getJsonNumber("id").longValue();
    }

    static final int INSTANCE_LIMIT = 100;
    static final int USER_LIMIT = 50;
    static final String INSTANCE_BODY = """
            {"element":{"key":"constantcontact"},"externalAuthentication":"initial","name":"%s",
             "configuration":{"oauth.api.key":"%s","oauth.api.secret":"s","oauth.user.refresh_token":"%s",
              "event.notification.enabled":"false"}}""";

    /** An instance provisioned from a refresh token the sandbox issued (provisioning redeems it with the app's secret). */
    static JsonObject createInstance(Api api, String name) {
        String clientId = "hostile-" + UUID.randomUUID();
        var reply = api.post(API + "/instances", INSTANCE_BODY.formatted(name, clientId, api.sandboxRefreshToken(clientId, "s")));
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** One bad request: how to send it and which family it belongs to. */
    /** The loopback address that bad credentials come from. */
    static final String GUESSER = "127.0.0.66";

    record Probe(String family, String method, String path, byte[] body, Map<String, String> headers, boolean raw) {
    }

    record Answer(int status, String contentType, byte[] body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    @Test
    void everyBadRequestGetsASmallJsonFourHundredAndChangesNothing() throws Exception {
        fillToTheLimits();
        String before = snapshot();
        long maxHeap = heap("jvm_memory_max_bytes");
        long highestHeap = heap("jvm_memory_used_bytes");

        Random random = new Random(SEED);
        List<Probe> probes = new ArrayList<>(listedCases());
        while (probes.size() < GENERATED) {
            probes.add(generate(random));
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byFamily = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> problems = new TreeMap<>();
        int container = 0;
        for (int i = 0; i < probes.size(); i++) {
            Probe probe = probes.get(i);
            Answer answer;
            try {
                answer = guessing(probe) ? raw(probe, GUESSER) : probe.raw() || oversize(probe) ? raw(probe, null) : send(probe);
            } catch (IOException e) {
                answer = new Answer(-1, null, String.valueOf(e).getBytes(StandardCharsets.UTF_8), Map.of());
            }
            byStatus.merge(String.valueOf(answer.status()), 1, Integer::sum);
            byFamily.merge(probe.family(), 1, Integer::sum);
            String problem = probe.family().equals("container") ? containerProblem(answer) : problem(answer);
            if (probe.family().equals("container")) {
                container++;
            }
            if (problem != null) {
                problems.merge(problem.replaceAll("\\d+", "N"), 1, Integer::sum);
            }
            if (problem != null && failures.size() < 40) {
                failures.add("#" + i + " " + probe.family() + " " + probe.method() + " " + abbreviate(probe.path())
                        + " body " + (probe.body() == null ? "none" : abbreviate(new String(probe.body(), StandardCharsets.ISO_8859_1)))
                        + " headers " + probe.headers().keySet() + " -> " + answer.status() + " "
                        + abbreviate(new String(answer.body(), StandardCharsets.UTF_8)) + ": " + problem);
            }
            if (i % 400 == 399) {
                highestHeap = Math.max(highestHeap, heap("jvm_memory_used_bytes"));
            }
        }
        highestHeap = Math.max(highestHeap, heap("jvm_memory_used_bytes"));
        String after = snapshot();

        System.out.printf(Locale.ROOT, "HostileInputIT seed %d: %d requests (%d container-level), by status %s, by family %s;"
                + " heap highest %d MiB of %d MiB%n", SEED, probes.size(), container, byStatus, byFamily,
                highestHeap >> 20, maxHeap >> 20);
        assertTrue(probes.size() >= 2000, "at least 2,000 requests");
        assertTrue(failures.isEmpty(), "answers broke the rules " + problems + ":\n" + String.join("\n", failures));
        assertFalse(byStatus.keySet().stream().anyMatch(s -> s.startsWith("5")), "no 5xx: " + byStatus);
        assertTrue(highestHeap < maxHeap * 0.9, "heap stayed bounded: highest " + highestHeap + " of " + maxHeap);
        assertEquals(before, after, "nothing the API lists changed");
    }

    /** A bad request's answer: 4xx, the JSON error body, small, with the security headers. */
    static String problem(Answer answer) {
        if (answer.status() < 0) {
            return "no answer";
        }
        if (answer.status() < 400 || answer.status() > 499) {
            return "status is not 4xx";
        }
        if (answer.body().length > MAX_ANSWER_BYTES) {
            return "answer of " + answer.body().length + " bytes";
        }
        if (answer.contentType() == null || !answer.contentType().startsWith("application/json")) {
            return "Content-Type " + answer.contentType();
        }
        try (var reader = Json.createReader(new StringReader(new String(answer.body(), StandardCharsets.UTF_8)))) {
            JsonObject body = reader.readObject();
            if (!(body.get("message") instanceof JsonString m) || m.getString().isBlank()
                    || !(body.get("requestId") instanceof JsonString)) {
                return "no message and requestId";
            }
        } catch (RuntimeException e) {
            return "body is not a JSON object";
        }
        if (!"nosniff".equals(answer.header("X-Content-Type-Options")) || answer.header("Content-Security-Policy") == null
                || !"no-referrer".equals(answer.header("Referrer-Policy")) || !"no-store".equals(answer.header("Cache-Control"))) {
            return "security headers missing";
        }
        return null;
    }

    /**
     * What Grizzly refuses before any application code runs (an undecodable path, a NUL, an over-long
     * header): Payara answers these itself; they must still be no 5xx and no HTML page.
     */
    static String containerProblem(Answer answer) {
        if (answer.status() < 0) {
            return "no answer";
        }
        if (answer.status() >= 500) {
            return "5xx from the container";
        }
        String text = new String(answer.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (text.contains("<html")) {
            return "HTML page";
        }
        if (answer.body().length > MAX_ANSWER_BYTES) {
            return "answer of " + answer.body().length + " bytes";
        }
        return answer.body().length == 0 || problem(answer) == null ? null : "a body that is not the JSON error body";
    }

    /** Item 5: the tenant gets to the default limits (100 instances, 50 users); the next one is a 409 naming the key. */
    void fillToTheLimits() {
        for (int i = tenant.get(API + "/instances?pageSize=500").array().size(); i < INSTANCE_LIMIT; i++) {
            createInstance(tenant, "filler-" + i);
        }
        for (int i = tenant.get(API + "/organizations/users").array().size(); i < USER_LIMIT; i++) {
            var user = tenant.post(API + "/organizations/users", "{\"emailAddress\":\"filler-" + i + "@hostile.example\"}");
            assertEquals(200, user.status(), user::toString);
        }
        String clientId = "hostile-" + UUID.randomUUID();
        var instance = tenant.post(API + "/instances", INSTANCE_BODY.formatted("one-more", clientId, tenant.sandboxRefreshToken(clientId, "s")));
        assertEquals(409, instance.status(), instance::toString);
        assertTrue(instance.message().contains("changewire.limits.instances-per-organization"), instance::toString);
        var user = tenant.post(API + "/organizations/users", "{\"emailAddress\":\"one-more@hostile.example\"}");
        assertEquals(409, user.status(), user::toString);
        assertTrue(user.message().contains("changewire.limits.users-per-organization"), user::toString);
    }

    // --- the cases the issue lists, each at least once

    List<Probe> listedCases() {
        List<Probe> cases = new ArrayList<>();
        String instance = API + "/instances/" + instanceId;
        // item 1: huge exponents in the poller configuration's numbers, as numbers and as strings
        for (String key : List.of("pageSize", "pollDelay", "createdCheckTolerance")) {
            for (String number : List.of("\"1e10000000\"", "\"1e999999999\"", "1e999999999", "\"1e-999999999\"", "-1e999999999")) {
                cases.add(body("item1", "PATCH", instance, patchPoller("\"" + key + "\":" + number)));
            }
        }
        cases.add(body("item1", "PATCH", instance, "{\"configuration\":{\"event.poller.refresh_interval\":\"1e-999999999\"}}"));
        cases.add(body("item1", "PATCH", instance, "{\"configuration\":{\"event.poller.refresh_interval\":\"1e999999999\"}}"));
        // item 4: depth, long numbers (also inside the configuration's JSON strings), non-objects, charset, length
        cases.add(body("item4", "POST", API + "/instances", "[".repeat(1001) + "]".repeat(1001)));
        cases.add(body("item4", "POST", API + "/instances", "{\"name\":" + "9".repeat(1101) + "}"));
        cases.add(body("item4", "PATCH", instance, "{\"configuration\":{\"event.poller.configuration\":" + quote("{\"a\":"
                + "[".repeat(1001) + "]".repeat(1001) + "}") + "}}"));
        cases.add(body("item4", "PATCH", instance, "{\"configuration\":{\"event.poller.configuration\":" + quote("{\"campaigns\":{\"pageSize\":"
                + "9".repeat(1101) + "}}") + "}}"));
        cases.add(body("item4", "PATCH", instance, "{\"configuration\":{\"event.notification.callback.headers\":" + quote("{\"a\":"
                + "[".repeat(1001) + "]".repeat(1001) + "}") + "}}"));
        cases.add(body("item4", "PATCH", instance, "{\"configuration\":{\"event.notification.callback.headers\":" + quote("{\"a\":"
                + "9".repeat(1101) + "}") + "}}"));
        // a key's own limits (issue 13): bootstrap admins only, whole numbers in range, nothing else
        String keyLimits = API + "/elements/constantcontact/keys/cid-hostile/limits";
        for (String limits : List.of("{}", "{\"requestsPerDay\":1e999999999,\"requestsPerSecond\":1}",
                "{\"requestsPerDay\":0,\"requestsPerSecond\":1}", "{\"requestsPerDay\":1.5,\"requestsPerSecond\":1}",
                "{\"requestsPerDay\":\"10\",\"requestsPerSecond\":1}", "{\"requestsPerDay\":-1e999999999,\"requestsPerSecond\":1}",
                "{\"requestsPerDay\":10,\"requestsPerSecond\":18446744073709551617}",
                "{\"requestsPerDay\":10,\"requestsPerSecond\":1,\"usedToday\":0}", "[]", "null", "1")) {
            cases.add(bootstrapBody("item4", "PUT", keyLimits, limits));
        }
        cases.add(bootstrapBody("item4", "PUT", API + "/elements/constantcontact/keys/" + "k".repeat(256) + "/limits",
                "{\"requestsPerDay\":10,\"requestsPerSecond\":1}"));
        cases.add(bootstrapBody("item4", "PUT", API + "/elements/constantcontact/keys/a%20b/limits", "{\"requestsPerDay\":10,\"requestsPerSecond\":1}"));
        cases.add(body("item4", "PUT", keyLimits, "{\"requestsPerDay\":250000,\"requestsPerSecond\":10}"));
        for (String nonObject : List.of("[]", "null", "\"x\"", "1", "true")) {
            cases.add(bootstrapBody("item4", "POST", API + "/organizations", nonObject));
            cases.add(body("item4", "POST", API + "/organizations/users", nonObject));
        }
        cases.add(new Probe("item4", "POST", API + "/organizations", "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json; charset=bogus", "Authorization", bootstrapAuthorization()), false));
        cases.add(raw("container", "POST", API + "/instances", "{}", Map.of("Content-Length", "2147483648")));
        cases.add(raw("container", "POST", API + "/instances", "{}", Map.of("Content-Length", "99999999999999999999999")));
        cases.add(raw("container", "POST", API + "/instances", "{}", Map.of("Content-Length", "-1")));
        cases.add(raw("container", "POST", API + "/instances", "{}", Map.of("Content-Length", "12abc")));
        cases.add(new Probe("container", "GET", API + "/instances/%zz", null, Map.of("Authorization", tenantAuthorization), true));
        cases.add(new Probe("container", "GET", API + "/instances/a%00b", null, Map.of("Authorization", tenantAuthorization), true));
        cases.add(new Probe("container", "GET", API + "/instances/%C0%AF", null, Map.of("Authorization", tenantAuthorization), true));
        cases.add(new Probe("container", "GET", API + "/instances", null,
                Map.of("Authorization", tenantAuthorization, "X-Long", "x".repeat(64 * 1024)), true));
        cases.add(new Probe("container", "GET", API + "/instances/" + "9".repeat(20_000), null, Map.of("Authorization", tenantAuthorization), true));
        cases.add(new Probe("container", "GET", API + "/hubs/marketing/contacts?where=" + "(".repeat(20_000), null,
                Map.of("Authorization", tenantAuthorization + ", Element " + instanceToken), true));
        cases.add(new Probe("container", "GET", API + "/instances/%E2%80%AE%00", null, Map.of("Authorization", tenantAuthorization), true));
        cases.add(new Probe("container", "GET", API + "/instances/a%5Cb", null, Map.of("Authorization", tenantAuthorization), true));
        cases.add(new Probe("container", "GET", API + "/instances/a%2Fb", null, Map.of("Authorization", tenantAuthorization), true));
        // the same Content-Length through the API's own check (a proxy in front may pass it on)
        cases.add(body("item4", "POST", API + "/instances", "{\"name\":\"" + "n".repeat(1024 * 1024) + "\"}"));
        // item 5: bytes of configuration per value and per instance; instances and users per organization
        cases.add(body("item5", "PATCH", instance, "{\"configuration\":{\"x.big\":\"" + "v".repeat(16 * 1024 + 1) + "\"}}"));
        StringBuilder many = new StringBuilder("{\"configuration\":{");
        for (int i = 0; i < 4; i++) {
            many.append(i == 0 ? "" : ",").append("\"x.part").append(i).append("\":\"").append("v".repeat(10_000)).append('"');
        }
        cases.add(body("item5", "PATCH", instance, many.append("}}").toString()));
        cases.add(body("item5", "PATCH", instance, "{\"name\":\"" + "n".repeat(1024 * 1024) + "\"}"));
        cases.add(body("item5", "POST", API + "/instances", INSTANCE_BODY.formatted("over-the-limit", "hostile-x", "r")));
        cases.add(body("item5", "POST", API + "/elements/constantcontact/instances", INSTANCE_BODY.formatted("over-the-limit", "hostile-y", "r")));
        cases.add(body("item5", "POST", API + "/organizations/users", "{\"emailAddress\":\"over-the-limit@hostile.example\"}"));
        return cases;
    }

    // --- generated cases

    Probe generate(Random random) {
        return switch (random.nextInt(9)) {
            case 0, 1 -> badBody(random);
            case 2 -> badId(random);
            case 3 -> badHeaders(random);
            case 4 -> badQuery(random);
            case 5 -> badCeql(random);
            case 6 -> badContentType(random);
            case 7 -> badConfiguration(random);
            default -> badSize(random);
        };
    }

    /** Where a JSON body goes: each endpoint that reads one. */
    String bodyTarget(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> API + "/instances";
            case 1 -> API + "/instances/" + instanceId;
            case 2 -> API + "/instances/" + instanceId + "/configuration/" + configurationId;
            case 3 -> API + "/elements/constantcontact/instances";
            case 4 -> API + "/organizations";
            default -> API + "/organizations/users";
        };
    }

    static String methodFor(String path, Random random) {
        if (path.contains("/configuration/")) {
            return "PATCH";
        }
        if (path.matches(".*/instances/\\d+$")) {
            return random.nextBoolean() ? "PUT" : "PATCH";
        }
        return "POST";
    }

    Probe badBody(Random random) {
        String path = bodyTarget(random);
        String method = methodFor(path, random);
        String text = switch (random.nextInt(12)) {
            case 0 -> nest(random, 33 + random.nextInt(random.nextBoolean() ? 100 : 20_000));
            case 1 -> "{\"name\":" + digits(random, 65 + random.nextInt(20_000)) + "}";
            case 2 -> List.of("[]", "null", "\"x\"", "1", "true", "false", "-0", "1e999999999", "[{}]", "\"{}\"").get(random.nextInt(10));
            case 3 -> truncated(random);
            case 4 -> "{}" + List.of("x", "{}", "]", ",", "null").get(random.nextInt(5));
            case 5 -> "{\"name\":\"" + "\\u" + Integer.toHexString(random.nextInt(0xfff)) + "zz\"}";
            case 6 -> "{\"name\": 'single'}";
            case 7 -> "{\"name\":" + List.of("5", "[]", "{}", "true", "1e999999999").get(random.nextInt(5)) + ",\"tags\":\"x\"}";
            case 8 -> "{\"tags\":[" + random.nextInt() + "],\"configuration\":[]}";
            case 9 -> "{\"role\":\"" + randomText(random, 1 + random.nextInt(3000)) + "\",\"emailAddress\":7}";
            case 10 -> " \t\r\n ".substring(0, random.nextInt(5));
            default -> "{\"element\":" + random.nextInt() + ",\"configuration\":\"x\",\"providerData\":[]}";
        };
        boolean bootstrap = path.endsWith("/organizations") && random.nextBoolean();
        if (random.nextInt(10) == 0) {
            // not UTF-8: a lone continuation byte or an overlong encoding inside a string
            byte[] bytes = ("{\"name\":\"a" + "\u0000" + "b\"}").getBytes(StandardCharsets.ISO_8859_1);
            bytes[10] = (byte) List.of(0x80, 0xC0, 0xFF, 0xFE, 0xED).get(random.nextInt(5)).intValue();
            return new Probe("body", method, path, bytes, headers(bootstrap, "application/json"), false);
        }
        return new Probe("body", method, path, text.getBytes(StandardCharsets.UTF_8), headers(bootstrap, "application/json"), false);
    }

    Probe badId(Random random) {
        String id = hostileId(random);
        // another tenant's instance id is a real number: used only where it names an instance, never a user or entry
        int[] instancePaths = {0, 1, 3, 6, 8, 9, 10};
        int which = id.equals(String.valueOf(foreignInstanceId)) ? instancePaths[random.nextInt(instancePaths.length)] : random.nextInt(16);
        String path = switch (which) {
            case 0 -> API + "/instances/" + id;
            case 1 -> API + "/instances/" + id + "/configuration";
            case 2 -> API + "/instances/" + instanceId + "/configuration/" + id;
            case 3 -> API + "/instances/" + id + "/events";
            case 4 -> API + "/instances/" + instanceId + "/events/" + id;
            case 5 -> API + "/instances/events/" + id;
            case 6 -> API + "/instances/" + id + "/notifications";
            case 7 -> API + "/instances/notifications/" + id;
            case 8 -> API + "/instances/" + id + "/events/poller";
            case 9 -> API + "/instances/" + id + "/events/subscription";
            case 10 -> API + "/instances/" + id + "/events/analytics";
            case 11 -> API + "/organizations/users/" + id;
            case 12 -> API + "/elements/" + id;
            case 13 -> API + "/hubs/marketing/" + id;
            // a record id the hub accepts would be asked of Constant Contact: only ids it refuses itself (over 200 characters)
            case 14 -> API + "/hubs/marketing/contacts/" + "~".repeat(201) + id;
            default -> API + "/" + id;
        };
        String method = switch (random.nextInt(8)) {
            case 0 -> "DELETE";
            case 1 -> path.contains("/events/poller") ? "POST" : "GET";
            case 2 -> path.contains("/events/subscription") ? "PUT" : "GET";
            default -> "GET";
        };
        if (method.equals("POST")) {
            path = path + "/run";
        }
        if (method.equals("DELETE") && path.endsWith("/configuration")) {
            method = "GET";
        }
        Map<String, String> headers = path.contains("/hubs/") ? Map.of("Authorization", tenantAuthorization + ", Element " + instanceToken)
                : Map.of("Authorization", tenantAuthorization);
        return new Probe("id", method, path, null, headers, false);
    }

    /** Ids that name nothing of this tenant: garbage, out of range, another tenant's, encoded tricks. */
    String hostileId(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> "-1";
            case 1 -> "0";
            case 2 -> "99999999999999999999999999";
            case 3 -> String.valueOf(foreignInstanceId);
            case 4 -> "1e3";
            case 5 -> "%20" + instanceId + "x";
            // without '/' and '\\': Payara refuses their encoded forms itself (container cases below)
            case 6 -> enc("~" + randomText(random, 1 + random.nextInt(300)).replace('/', '|').replace('\\', '|'));
            case 7 -> "..%2F";
            case 8 -> enc("' OR 1=1 --");
            case 9 -> enc("\u202e\ud83d\ude00");
            case 10 -> String.valueOf(Long.MAX_VALUE) + "0";
            case 11 -> "0x" + Long.toHexString(random.nextLong());
            case 12 -> digits(random, 20 + random.nextInt(3000));
            default -> String.valueOf(9_000_000_000L + random.nextInt(1_000_000));
        };
    }

    Probe badHeaders(Random random) {
        String path = List.of(API + "/instances", API + "/organizations/users", API + "/instances/" + instanceId,
                API + "/instances/events", API + "/elements/constantcontact").get(random.nextInt(5));
        String authorization = switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "User";
            case 2 -> "User " + randomAscii(random, 1 + random.nextInt(2000));
            case 3 -> "User x, Organization y";
            case 4 -> "Bearer " + randomAscii(random, 40);
            case 5 -> "Organization " + randomAscii(random, 30) + ", User " + randomAscii(random, 30);
            case 6 -> "User ,,,, Organization ,,,";
            case 7 -> "Basic " + java.util.Base64.getEncoder().encodeToString(randomAscii(random, 50).getBytes(StandardCharsets.UTF_8));
            case 8 -> "User " + "a".repeat(8) + ", Organization " + "b".repeat(3000);
            case 9 -> "Element " + instanceToken;
            case 10 -> "User " + randomAscii(random, 10) + ", Organization " + randomAscii(random, 10) + ", Element " + randomAscii(random, 10);
            default -> "user  ,  organization  ";
        };
        Map<String, String> headers = new java.util.HashMap<>();
        if (!authorization.isEmpty()) {
            headers.put("Authorization", authorization);
        }
        if (random.nextBoolean()) {
            headers.put("Accept", List.of("text/html", "application/xml", "*/*;q=x", "garbage", "application/json;charset=bogus").get(random.nextInt(5)));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Elements-Request-Id", randomAscii(random, 1 + random.nextInt(1000)));
        }
        return new Probe("header", "GET", path, null, headers, false);
    }

    Probe badQuery(Random random) {
        String value = switch (random.nextInt(9)) {
            case 0 -> "1e999999999";
            case 1 -> "-" + digits(random, 1 + random.nextInt(30));
            case 2 -> digits(random, 20 + random.nextInt(3000));
            case 3 -> enc("~" + randomText(random, 1 + random.nextInt(300)));
            case 4 -> "%2527%2522";
            case 5 -> "0x" + Integer.toHexString(random.nextInt());
            case 6 -> "NaN";
            case 7 -> enc("2026-13-45T99:99:99Z");
            default -> enc("'; DROP TABLE element_instance; --");
        };
        String path = switch (random.nextInt(12)) {
            case 0 -> API + "/instances?pageSize=" + value;
            case 1 -> API + "/instances?nextPage=" + value;
            case 2 -> API + "/instances/events?from=" + value;
            case 3 -> API + "/instances/events?to=" + value;
            case 4 -> API + "/instances/events?pageSize=" + value;
            case 5 -> API + "/instances/events/analytics?interval=" + value;
            case 6 -> API + "/instances/" + instanceId + "/events?nextPage=" + value;
            case 7 -> API + "/instances/notifications?status=" + value;
            case 8 -> API + "/instances/" + instanceId + "/notifications?pageSize=" + value;
            case 9 -> API + "/instances/" + instanceId + "/events/analytics?from=" + value;
            case 10 -> API + "/elements/constantcontact/oauth/url?apiKey=&callbackUrl=" + value;
            default -> API + "/instances/events?nextPage=" + value;
        };
        if (random.nextInt(10) == 0) {
            path = API + "/instances/" + instanceId + "/notifications/redeliver?since=" + value;
            return new Probe("query", "POST", path, null, Map.of("Authorization", tenantAuthorization), false);
        }
        return new Probe("query", "GET", path, null, Map.of("Authorization", tenantAuthorization), false);
    }

    Probe badCeql(Random random) {
        String where = switch (random.nextInt(12)) {
            case 0 -> "(".repeat(1 + random.nextInt(1500)) + "id = 1";
            case 1 -> "id = 1" + ")".repeat(1 + random.nextInt(50));
            case 2 -> "id === 1";
            case 3 -> "id = 'unterminated";
            // longer than CEQL's 1,024-character literal limit: a shorter number is valid CEQL and would be asked of the provider
            case 4 -> "id = " + digits(random, 1025 + random.nextInt(2000));
            case 5 -> "id = 1 AND";
            case 6 -> "id IN (" + "1,".repeat(1 + random.nextInt(1000)) + ")";
            case 7 -> randomText(random, 1 + random.nextInt(300)) + " = = 1";
            case 8 -> "id LIKE";
            case 9 -> "AND OR NOT";
            case 10 -> "id = 1 " + "AND id = 1 ".repeat(50 + random.nextInt(150)) + "AND";
            default -> "`id` = 1; DROP";
        };
        String query = random.nextInt(4) == 0 ? "orderBy=" + enc(randomText(random, 1 + random.nextInt(300)) + " sideways")
                : random.nextInt(4) == 0 ? "fields=" + enc("a..b,," + "x.".repeat(1 + random.nextInt(500)))
                : "where=" + enc(where);
        String resource = List.of("contacts", "campaigns", "lists").get(random.nextInt(3));
        return new Probe("ceql", "GET", API + "/hubs/marketing/" + resource + "?" + query, null,
                Map.of("Authorization", tenantAuthorization + ", Element " + instanceToken), false);
    }

    Probe badContentType(Random random) {
        String path = bodyTarget(random);
        String type = List.of("application/json; charset=bogus", "application/json; charset=utf-16", "application/json; charset=\"\"",
                "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "garbage", "application/json;;;charset=", "application/json; charset=" + randomAscii(random, 200),
                "*/*", "application/json; charset=latin1").get(random.nextInt(12));
        // wrong for every endpoint even when the type is accepted: name, tags and emailAddress must be strings/arrays
        String body = random.nextBoolean() ? "{\"name\":5,\"tags\":5,\"emailAddress\":5}" : "<a>x</a>";
        boolean bootstrap = path.endsWith("/organizations");
        Map<String, String> headers = headers(bootstrap, type);
        return new Probe("content-type", methodFor(path, random), path, body.getBytes(StandardCharsets.UTF_8), headers, false);
    }

    /** Well-formed bodies whose configuration is wrong, too big, or holds hostile JSON. */
    Probe badConfiguration(Random random) {
        String instance = API + "/instances/" + instanceId;
        String configuration = switch (random.nextInt(10)) {
            case 0 -> "{\"event.poller.configuration\":" + quote(nest(random, 33 + random.nextInt(3000))) + "}";
            case 1 -> "{\"event.poller.configuration\":" + quote("{\"campaigns\":{\"pageSize\":" + digits(random, 65 + random.nextInt(3000)) + "}}") + "}";
            case 2 -> "{\"event.notification.callback.headers\":" + quote("{\"h\":" + nest(random, 33 + random.nextInt(3000)) + "}") + "}";
            case 3 -> "{\"event.poller.refresh_interval\":\"1e" + (random.nextBoolean() ? "-" : "") + (41 + random.nextInt(999_999_900)) + "\"}";
            case 4 -> "{\"x.big\":\"" + "v".repeat(16 * 1024 + 1 + random.nextInt(20_000)) + "\"}";
            case 5 -> "{\"event.poller.configuration\":" + quote(patchPollerValue("\"pageSize\":\"1e" + (41 + random.nextInt(999_999_900)) + "\"")) + "}";
            case 6 -> "{\"event.poller.configuration\":" + quote(patchPollerValue("\"pollDelay\":1e" + (41 + random.nextInt(999_999_900)))) + "}";
            case 7 -> "{\"event.notification.enabled\":\"~" + randomText(random, 1 + random.nextInt(500)) + "\"}";
            case 8 -> "{\"event.notification.callback.url\":\"" + randomAscii(random, 1 + random.nextInt(500)) + "\"}";
            default -> "{\"" + randomAscii(random, 256 + random.nextInt(500)) + "\":\"x\"}";
        };
        return body("configuration", random.nextBoolean() ? "PATCH" : "PUT", instance, "{\"configuration\":" + configuration + "}");
    }

    Probe badSize(Random random) {
        String path = bodyTarget(random);
        int size = 1024 * 1024 + 1 + random.nextInt(64 * 1024);
        String body = "{\"name\":\"" + "s".repeat(size) + "\"}";
        return new Probe("size", methodFor(path, random), path, body.getBytes(StandardCharsets.UTF_8),
                headers(path.endsWith("/organizations"), "application/json"), false);
    }

    // --- helpers

    Probe body(String family, String method, String path, String json) {
        return new Probe(family, method, path, json.getBytes(StandardCharsets.UTF_8), headers(false, "application/json"), false);
    }

    Probe bootstrapBody(String family, String method, String path, String json) {
        return new Probe(family, method, path, json.getBytes(StandardCharsets.UTF_8), headers(true, "application/json"), false);
    }

    Probe raw(String family, String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", tenantAuthorization);
        all.put("Content-Type", "application/json");
        return new Probe(family, method, path, body.getBytes(StandardCharsets.UTF_8), all, true);
    }

    Map<String, String> headers(boolean bootstrap, String contentType) {
        return Map.of("Authorization", bootstrap ? bootstrapAuthorization() : tenantAuthorization, "Content-Type", contentType);
    }

    static String bootstrapAuthorization() {
        return "User " + Api.BOOTSTRAP_USER + ", Organization " + Api.BOOTSTRAP_ORGANIZATION;
    }

    static String patchPoller(String member) {
        return "{\"configuration\":{\"event.poller.configuration\":" + quote(patchPollerValue(member)) + "}}";
    }

    static String patchPollerValue(String member) {
        return "{\"campaigns\":{\"url\":\"/hubs/marketing/campaigns\",\"idField\":\"id\","
                + "\"datesConfiguration\":{\"updatedDateField\":\"modified_date\"}," + member + "}}";
    }

    static String quote(String text) {
        return Json.createValue(text).toString();
    }

    static String nest(Random random, int depth) {
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    static String digits(Random random, int length) {
        StringBuilder b = new StringBuilder(length).append(1 + random.nextInt(9));
        while (b.length() < length) {
            b.append(random.nextInt(10));
        }
        return b.toString();
    }

    static String truncated(Random random) {
        String valid = "{\"element\":{\"key\":\"constantcontact\"},\"name\":\"n\",\"tags\":[\"a\"],\"configuration\":{\"a\":\"b\"}}";
        return valid.substring(0, 1 + random.nextInt(valid.length() - 2));
    }

    static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            int c = random.nextInt(5) == 0 ? 0x80 + random.nextInt(0x2000) : 0x20 + random.nextInt(0x5f);
            b.appendCodePoint(Character.isSurrogate((char) c) ? '?' : c);
        }
        return b.toString();
    }

    static String randomAscii(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            b.append((char) (0x21 + random.nextInt(0x5e)));
        }
        return b.toString();
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...(" + text.length() + ")";
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + deployment.getPort() + path);
    }

    Answer send(Probe probe) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(probe.path())).timeout(Duration.ofSeconds(60))
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        probe.headers().forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            // bounded as a whole: the request timeout covers only the wait for the response's head
            response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).get(90, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within 90 s to " + probe.method() + " " + abbreviate(probe.path()), e);
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body(),
                response.headers().map());
    }

    /**
     * Whether the probe carries credentials other than the run's valid ones. Those are sent from their own
     * loopback address: after a few failures the failed-authentication throttle answers that address 429
     * (which the rules accept), while the valid requests of the run, from 127.0.0.1, stay unaffected.
     */
    boolean guessing(Probe probe) {
        String authorization = probe.headers().get("Authorization");
        return !probe.raw() && !(tenantAuthorization.equals(authorization)
                || (tenantAuthorization + ", Element " + instanceToken).equals(authorization)
                || bootstrapAuthorization().equals(authorization));
    }

    /**
     * A body over the limit is sent as a careful client does, with "Expect: 100-continue": the server must refuse
     * it from its Content-Length with the 413 before it is written. Sent on a socket: the JDK 17 client waits
     * forever when a server answers such a request with a final status and closes the connection (as Undertow
     * rightly does), so it cannot tell a silent server from a correct one.
     */
    static boolean oversize(Probe probe) {
        return probe.body() != null && probe.body().length > 1024 * 1024;
    }

    /** Requests the JDK client will not send (a false Content-Length, an undecodable path): written on a socket. */
    Answer raw(Probe probe, String from) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", deployment.getPort()), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(probe.method()).append(' ').append(probe.path()).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(deployment.getPort()).append("\r\nConnection: close\r\n");
            probe.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (probe.body() != null && !probe.headers().containsKey("Content-Length")) {
                head.append("Content-Length: ").append(probe.body().length).append("\r\n");
            }
            boolean expectContinue = from == null && oversize(probe);
            if (expectContinue) {
                head.append("Expect: 100-continue\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (expectContinue) {
                byte[] first = readHead(socket.getInputStream());
                if (!new String(first, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.1 100[ \\r][\\s\\S]*")) {
                    // the final answer came instead of "100 Continue": the body is never written
                    return parse(new SequenceInputStream(new ByteArrayInputStream(first), socket.getInputStream()));
                }
            }
            if (probe.body() != null) {
                out.write(probe.body());
            }
            out.flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream());
        }
    }

    /** The bytes of one response head, up to and including the blank line (or all there was). */
    static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toByteArray();
    }

    static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] bytes = all.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(0, null, bytes, Map.of());
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if (headers.containsKey("Transfer-Encoding") && headers.get("Transfer-Encoding").get(0).equalsIgnoreCase("chunked")) {
            body = dechunked(body);
        }
        String type = headers.containsKey("Content-Type") ? headers.get("Content-Type").get(0) : null;
        return new Answer(status, type, body, headers);
    }

    static byte[] dechunked(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    /** What the API lists for both organizations: any change a bad request made would show here. */
    String snapshot() {
        StringBuilder b = new StringBuilder();
        for (Supplier<Api.Reply> listing : List.<Supplier<Api.Reply>>of(
                () -> tenant.get(API + "/instances"),
                () -> tenant.get(API + "/organizations/users"),
                () -> tenant.get(API + "/instances/" + instanceId),
                () -> tenant.get(API + "/instances/" + instanceId + "/configuration"),
                () -> tenant.get(API + "/instances/" + instanceId + "/events"),
                () -> tenant.get(API + "/instances/" + instanceId + "/notifications"),
                () -> tenant.get(API + "/instances/" + instanceId + "/events/subscription"),
                () -> admin.get(API + "/organizations/users"),
                () -> admin.get(API + "/instances/" + foreignInstanceId),
                () -> admin.get(API + "/instances/" + foreignInstanceId + "/configuration"),
                () -> admin.get(API + "/elements/constantcontact/keys/cid-hostile/limits"))) {
            Api.Reply reply = listing.get();
            assertEquals(200, reply.status(), reply::toString);
            b.append(reply.body()).append('\n');
        }
        return b.toString();
    }

    /**
     * A heap figure from the application's /metrics (Micrometer's Prometheus text): the sum over the heap's
     * memory pools of {@code jvm_memory_used_bytes} or {@code jvm_memory_max_bytes} (pools without a limit say -1).
     */
    long heap(String name) throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        long sum = 0;
        boolean found = false;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains("area=\"heap\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sum += value > 0 ? (long) value : 0;
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError(name + " not in /metrics: " + abbreviate(metrics.body()));
        }
        return sum;
    }
}
