package dev.changewire.it;

import static dev.changewire.it.QueryStrings.enc;
import static dev.changewire.it.QueryStrings.query;
import static dev.changewire.it.Waits.sleep;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Event notifications end to end: sandbox change → poll → stored notification → signed POST to a
 * real HTTP receiver on 127.0.0.1 in this JVM. The server runs with a short retry schedule and sweep
 * interval (pom.xml's payara.cmdOptions: {@code changewire.delivery.retry-schedule=PT1S,PT1S,PT1S,PT2S,PT2S},
 * {@code changewire.delivery.sweep-interval=PT1S}). Each test has its own sandbox account, app and
 * receiver path, so tests do not see each other's callbacks.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryIT {

    static final String API = "/elements/api-v2";
    static final String INSTANCES = API + "/instances";
    static final String SANDBOX = "/sandbox/constantcontact";
    static final String CALLBACK = "https://app.example.com/oauth/callback";
    static final String SIGNATURE_KEY = "elements-signature-key-0123";
    static final int MAX_ATTEMPTS = 6;
    static final String CONTACTS_ONLY = "{\"contacts\":{\"url\":\"/hubs/marketing/contacts?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'\","
            + "\"idField\":\"id\",\"pageSize\":50,\"deletedDateField\":\"deleted_date\","
            + "\"datesConfiguration\":{\"updatedDateField\":\"modified_date\",\"createdDateField\":\"created_date\"}}}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.changewire();
    }

    @ArquillianResource
    URL deployment;

    static Receiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = Receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    Api admin() {
        return new Api(deployment).asBootstrapAdmin();
    }

    /** A provisioned instance: its sandbox account, its receiver path and the webhook secret shown at creation. */
    record Tenant(long id, String account, String path, String webhookSecret, Api api) {
        String notifications() {
            return INSTANCES + "/" + id + "/notifications";
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Order(1)
    void aSandboxChangeBecomesSignedCallbacksOfAtMostTenEvents() {
        Tenant t = provision(admin(), "e2e", SIGNATURE_KEY, null);
        assertTrue(t.webhookSecret().startsWith("whsec_"), "the creation's answer shows the new webhook secret once");
        var shown = t.api().get(INSTANCES + "/" + t.id());
        assertEquals(200, shown.status(), shown::toString);
        assertEquals("********", shown.json().getJsonObject("configuration").getString("event.notification.webhook.secret"));
        assertFalse(shown.body().contains(t.webhookSecret()));
        assertTrue(shown.json().getBoolean("subscriptionActive"));
        // issue 10, item 7: the receiver's credentials in the callback headers are write-only, like every secret
        assertEquals("********", shown.json().getJsonObject("configuration").getString("event.notification.callback.headers"));
        assertFalse(shown.body().contains(receiverKey(t.account())), shown::toString);
        var entries = t.api().get(INSTANCES + "/" + t.id() + "/configuration");
        assertEquals(200, entries.status(), entries::toString);
        assertFalse(entries.body().contains(receiverKey(t.account())), entries::toString);
        assertFalse(t.api().get(INSTANCES).body().contains(receiverKey(t.account())));

        run(t);
        List<String> ids = writeContacts(t, 12);
        assertEquals(12, run(t).getInt("eventsRecorded"));
        awaitTrue(Duration.ofSeconds(20), () -> receiver.successes(t.path()).size() == 2, "two callbacks (10 + 2 events)");

        Set<String> objectIds = new TreeSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (Received r : receiver.successes(t.path())) {
            verifySignatures(r, t.webhookSecret(), SIGNATURE_KEY);
            assertEquals(receiverKey(t.account()), r.header("X-Receiver-Key"), "the stored header is sent in clear to the receiver only");
            assertEquals("application/json", r.header("Content-Type"));
            JsonObject message = r.json().getJsonObject("message");
            assertEquals(r.header("webhook-id"), message.getString("eventId"));
            assertEquals(r.header("Elements-Webhook-Id"), message.getString("eventId"));
            assertEquals(t.id(), message.getJsonNumber("instance_id").longValue());
            assertEquals(t.id(), message.getJsonNumber("instanceId").longValue());
            assertEquals("constantcontact", message.getString("elementKey"));
            JsonObject raw = message.getJsonObject("raw");
            assertEquals("contacts", raw.getString("objectType"));
            JsonArray events = message.getJsonArray("events");
            assertEquals(events.size(), raw.getJsonArray("contacts").size());
            sizes.add(events.size());
            for (int i = 0; i < events.size(); i++) {
                JsonObject e = events.getJsonObject(i);
                assertEquals("CREATED", e.getString("eventType"));
                assertEquals("contacts", e.getString("objectType"));
                assertEquals("constantcontact", e.getString("elementKey"));
                assertEquals(e.getString("objectId"), raw.getJsonArray("contacts").getJsonObject(i).getString("id"));
                Instant.parse(e.getString("date"));
                objectIds.add(e.getString("objectId"));
            }
        }
        assertEquals(List.of(10, 2), sizes, "detection order: the first ten, then the rest");
        assertEquals(new TreeSet<>(ids), objectIds);

        // the delivery log (the receiver records a callback before it answers: the server's side may lag a moment)
        awaitDelivered(t, 2);
        List<JsonObject> log = list(t.api(), t.notifications());
        assertEquals(2, log.size());
        for (JsonObject n : log) {
            assertEquals("DELIVERED", n.getString("status"), n::toString);
            assertEquals(1, n.getJsonArray("attempts").size());
            JsonObject attempt = n.getJsonArray("attempts").getJsonObject(0);
            assertEquals(200, attempt.getInt("httpStatus"));
            assertEquals("DELIVERED", attempt.getString("outcome"));
            // issue 10, item 8: the receiver is on loopback (allow-private-networks=true): its status is kept, its body is not
            assertTrue(attempt.isNull("responseBody"), attempt::toString);
            assertTrue(attempt.getJsonNumber("durationMillis").longValue() >= 0);
            n.getJsonArray("events").forEach(e -> assertEquals("NOTIFIED", e.asJsonObject().getString("status")));
            var one = t.api().get(INSTANCES + "/notifications/" + n.getString("id"));
            assertEquals(200, one.status(), one::toString);
            assertEquals(n.getString("id"), one.json().getString("id"));
        }
        // MicroProfile Metrics: attempts by outcome, latency from detection to 2xx, queue depth
        var metrics = new Api(deployment).get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("changewire_delivery_attempts_total{") && metrics.body().contains("outcome=\"DELIVERED\""),
                "attempts by outcome");
        assertTrue(metrics.body().contains("changewire_delivery_latency_seconds"), "delivery latency");
        awaitTrue(Duration.ofSeconds(5), () -> new Api(deployment).get("/metrics").body().contains("changewire_delivery_queue_depth"),
                "queue depth");

        // organization-scoped: another organization sees none of it
        Api other = organization("delivery-other");
        assertEquals(404, other.get(INSTANCES + "/notifications/" + log.get(0).getString("id")).status());
        assertEquals(404, other.get(t.notifications()).status());
        assertEquals(404, other.post(INSTANCES + "/notifications/" + log.get(0).getString("id") + "/redeliver", null).status());
        assertEquals(404, other.put(INSTANCES + "/" + t.id() + "/events/subscription", null).status());
        assertEquals(404, other.post(INSTANCES + "/" + t.id() + "/events/webhook-secret/rotate", null).status());
        assertEquals(0, list(other, INSTANCES + "/notifications").size());

        // paging and filters
        var firstPage = t.api().get(t.notifications() + "?pageSize=1");
        assertEquals(1, firstPage.array().size());
        String token = firstPage.header("Elements-Next-Page-Token");
        assertNotNull(token);
        var secondPage = t.api().get(t.notifications() + "?pageSize=1&nextPage=" + enc(token));
        assertEquals(1, secondPage.array().size(), secondPage::toString);
        assertNotEquals(firstPage.array().getJsonObject(0).getString("id"), secondPage.array().getJsonObject(0).getString("id"));
        assertEquals(null, secondPage.header("Elements-Next-Page-Token"));
        assertEquals(0, t.api().get(t.notifications() + "?status=FAILED").array().size());
        assertEquals(2, t.api().get(t.notifications() + "?status=delivered,FAILED").array().size());
        var badStatus = t.api().get(t.notifications() + "?status=LOST");
        assertEquals(400, badStatus.status());
        assertTrue(badStatus.message().contains("LOST"), badStatus::toString);
        assertEquals(400, t.api().get(INSTANCES + "/notifications?nextPage=forged").status());

        // a rotation: both secrets sign until the old one expires
        var rotated = t.api().post(INSTANCES + "/" + t.id() + "/events/webhook-secret/rotate", null);
        assertEquals(200, rotated.status(), rotated::toString);
        String fresh = rotated.json().getString("secret");
        assertTrue(fresh.startsWith("whsec_"));
        assertNotEquals(t.webhookSecret(), fresh);
        assertNotNull(rotated.json().getString("previousSecretExpiresDate"));
        writeContacts(t, 1);
        assertEquals(1, run(t).getInt("eventsRecorded"));
        awaitTrue(Duration.ofSeconds(20), () -> receiver.successes(t.path()).size() == 3, "the callback after the rotation");
        Received afterRotation = receiver.successes(t.path()).get(2);
        assertEquals(2, afterRotation.header("webhook-signature").split(" ").length, afterRotation.header("webhook-signature"));
        verifySignatures(afterRotation, fresh, SIGNATURE_KEY);
        verifySignatures(afterRotation, t.webhookSecret(), SIGNATURE_KEY);

        // configuration-time checks
        // metadata services stay refused although this server allows private networks (issue 10, item 8)
        for (String metadataUrl : List.of("http://169.254.169.254/latest/meta-data", "http://169.254.42.42/", "http://[fd00:ec2::23]/",
                "http://[fd20:ce::254]/", "http://[::ffff:169.254.169.254]/")) {
            var metadata = t.api().patch(INSTANCES + "/" + t.id(),
                    "{\"configuration\":{\"event.notification.callback.url\":\"" + metadataUrl + "\"}}");
            assertEquals(400, metadata.status(), metadata::toString);
            assertTrue(metadata.message().contains("event.notification.callback.url") && metadata.message().contains("metadata"), metadata::toString);
        }
        var badSecret = t.api().patch(INSTANCES + "/" + t.id(), "{\"configuration\":{\"event.notification.webhook.secret\":\"nope\"}}");
        assertEquals(400, badSecret.status(), badSecret::toString);
        assertTrue(badSecret.message().contains("event.notification.webhook.secret"), badSecret::toString);
    }

    @Test
    @Order(2)
    void aReceiverFailingForAWhileGetsEveryNotificationWithTheSameIdsInOrder() {
        Tenant t = provision(admin(), "flaky", null, null);
        run(t);
        receiver.failUntil(t.path(), Instant.now().plusSeconds(60), 503);
        List<String> ids = writeContacts(t, 25);
        assertEquals(25, run(t).getInt("eventsRecorded"));
        // refuses until it has refused twice, not for a fixed 3 s: on a loaded machine the run outlasted those
        awaitTrue(Duration.ofSeconds(30), () -> receiver.all(t.path()).size() >= 2, "the receiver refused the first attempts");
        receiver.succeed(t.path());
        awaitTrue(Duration.ofSeconds(40), () -> receiver.successes(t.path()).size() == 3, "three notifications after the receiver recovers");

        List<Received> all = receiver.all(t.path());
        assertTrue(all.size() > 3, "the receiver failed at first: " + all.size() + " requests");
        Map<String, Set<String>> bodiesById = new HashMap<>();
        for (Received r : all) {
            bodiesById.computeIfAbsent(r.header("webhook-id"), k -> new LinkedHashSet<>()).add(r.body());
            assertEquals(r.header("webhook-id"), r.header("Elements-Webhook-Id"));
            verifySignatures(r, t.webhookSecret(), null);
        }
        assertEquals(3, bodiesById.size(), "retries carry the same ids: " + bodiesById.keySet());
        bodiesById.values().forEach(bodies -> assertEquals(1, bodies.size(), "and the same body"));

        List<String> delivered = new ArrayList<>();
        receiver.successes(t.path()).forEach(r -> r.json().getJsonObject("message").getJsonArray("events")
                .forEach(e -> delivered.add(e.asJsonObject().getString("objectId"))));
        assertEquals(ids.size(), delivered.size(), "every event once");
        assertEquals(new TreeSet<>(ids), new TreeSet<>(delivered));
        // in detection order: each delivered notification's events come after the previous one's
        long previous = -1;
        for (Received r : receiver.successes(t.path())) {
            JsonArray events = t.api().get(INSTANCES + "/notifications/" + r.header("webhook-id")).json().getJsonArray("events");
            long first = Long.parseLong(String.valueOf(events.getJsonObject(0).get("id")));
            long last = Long.parseLong(String.valueOf(events.getJsonObject(events.size() - 1).get("id")));
            assertTrue(first > previous, "notifications delivered in detection order");
            previous = last;
        }

        awaitDelivered(t, 3);
        List<JsonObject> log = list(t.api(), t.notifications());
        assertEquals(3, log.size());
        for (JsonObject n : log) {
            assertEquals("DELIVERED", n.getString("status"));
            JsonArray attempts = n.getJsonArray("attempts");
            JsonObject last = attempts.getJsonObject(attempts.size() - 1);
            assertEquals(200, last.getInt("httpStatus"));
            for (int i = 0; i < attempts.size() - 1; i++) {
                assertEquals(503, attempts.getJsonObject(i).getInt("httpStatus"));
                assertEquals("RETRY", attempts.getJsonObject(i).getString("outcome"));
                assertFalse(attempts.getJsonObject(i).isNull("nextAttemptDate"));
            }
        }
    }

    @Test
    @Order(3)
    void goneDeactivatesQueuesLaterEventsAndBulkRedeliveryReactivates() {
        Tenant t = provision(admin(), "gone", null, null);
        run(t);
        receiver.failUntil(t.path(), Instant.now().plusSeconds(3600), 410);
        writeContacts(t, 3);
        assertEquals(3, run(t).getInt("eventsRecorded"));
        awaitTrue(Duration.ofSeconds(20), () -> !t.api().get(INSTANCES + "/" + t.id()).json().getBoolean("subscriptionActive"),
                "a 410 deactivates the subscription");
        var subscription = t.api().get(INSTANCES + "/" + t.id() + "/events/subscription");
        assertFalse(subscription.json().getBoolean("active"));
        assertTrue(subscription.json().getString("reason").contains("410"), subscription::toString);
        assertEquals(1, receiver.all(t.path()).size(), "a 410 is not retried");

        Instant beforeLater = Instant.now();
        writeContacts(t, 2);
        assertEquals(2, run(t).getInt("eventsRecorded"));
        sleep(2500);
        assertEquals(1, receiver.all(t.path()).size(), "nothing is sent while deactivated");
        List<JsonObject> queued = list(t.api(), t.notifications() + "?status=QUEUED");
        assertEquals(2, queued.size(), "the 410'd notification and the later one are queued");
        queued.forEach(n -> n.getJsonArray("events").forEach(e -> assertEquals("QUEUED", e.asJsonObject().getString("status"))));

        var badSince = t.api().post(t.notifications() + "/redeliver?status=QUEUED&since=yesterday", null);
        assertEquals(400, badSince.status());
        assertTrue(badSince.message().contains("since"), badSince::toString);
        var badStatus = t.api().post(t.notifications() + "/redeliver?status=PENDING", null);
        assertEquals(400, badStatus.status());

        receiver.succeed(t.path());
        // only what was queued since the later write: the first notification stays queued
        var some = t.api().post(t.notifications() + "/redeliver?status=QUEUED&since=" + enc(beforeLater.toString()), null);
        assertEquals(200, some.status(), some::toString);
        assertEquals(1, some.json().getInt("redelivered"));
        assertTrue(t.api().get(INSTANCES + "/" + t.id()).json().getBoolean("subscriptionActive"), "bulk redelivery reactivates");
        awaitTrue(Duration.ofSeconds(20), () -> receiver.successes(t.path()).size() == 1, "the later notification");
        var rest = t.api().post(t.notifications() + "/redeliver?status=FAILED,QUEUED", null);
        assertEquals(1, rest.json().getInt("redelivered"), rest::toString);
        awaitTrue(Duration.ofSeconds(20), () -> receiver.successes(t.path()).size() == 2, "the 410'd notification");
        assertEquals(receiver.all(t.path()).get(0).header("webhook-id"), receiver.successes(t.path()).get(1).header("webhook-id"),
                "a redelivery keeps the id");
        awaitDelivered(t, 2);
        assertEquals(0, list(t.api(), t.notifications() + "?status=QUEUED,PENDING,RETRYING").size());

        // one delivered notification sent again on request
        String id = receiver.successes(t.path()).get(0).header("webhook-id");
        var again = t.api().post(INSTANCES + "/notifications/" + id + "/redeliver", null);
        assertEquals(200, again.status(), again::toString);
        awaitTrue(Duration.ofSeconds(20), () -> receiver.successes(t.path()).size() == 3, "the single redelivery");
        assertEquals(id, receiver.successes(t.path()).get(2).header("webhook-id"));

        // the operator's switch
        assertFalse(t.api().delete(INSTANCES + "/" + t.id() + "/events/subscription").json().getBoolean("active"));
        writeContacts(t, 1);
        assertEquals(1, run(t).getInt("eventsRecorded"));
        sleep(2000);
        assertEquals(3, receiver.successes(t.path()).size());
        assertTrue(t.api().put(INSTANCES + "/" + t.id() + "/events/subscription", null).json().getBoolean("active"));
        assertEquals(1, list(t.api(), t.notifications() + "?status=QUEUED").size(), "queued until redelivered");
    }

    @Test
    @Order(4)
    void afterTheLastAttemptTheNotificationFailsAndRedeliveryRecoversIt() {
        Tenant t = provision(admin(), "failing", null, null);
        run(t);
        Instant start = Instant.now();
        receiver.failUntil(t.path(), Instant.now().plusSeconds(3600), 500);
        writeContacts(t, 1);
        assertEquals(1, run(t).getInt("eventsRecorded"));
        awaitTrue(Duration.ofSeconds(40), () -> list(t.api(), t.notifications() + "?status=FAILED").size() == 1, "FAILED after the last attempt");
        JsonObject failed = list(t.api(), t.notifications()).get(0);
        JsonArray attempts = failed.getJsonArray("attempts");
        assertEquals(MAX_ATTEMPTS, attempts.size());
        assertEquals(MAX_ATTEMPTS, receiver.all(t.path()).size());
        assertTrue(attempts.getJsonObject(MAX_ATTEMPTS - 1).isNull("nextAttemptDate"));
        assertEquals(500, attempts.getJsonObject(0).getInt("httpStatus"));
        assertTrue(attempts.getJsonObject(0).isNull("responseBody"), "a private address's answer is never stored");
        assertFalse(t.api().get(INSTANCES + "/" + t.id()).json().getBoolean("subscriptionActive"));

        receiver.succeed(t.path());
        var redelivered = t.api().post(t.notifications() + "/redeliver?status=FAILED,QUEUED&since=" + enc(start.toString()), null);
        assertEquals(1, redelivered.json().getInt("redelivered"), redelivered::toString);
        awaitTrue(Duration.ofSeconds(20), () -> receiver.successes(t.path()).size() == 1, "delivered on redelivery");
        awaitDelivered(t, 1);
        JsonObject delivered = t.api().get(INSTANCES + "/notifications/" + failed.getString("id")).json();
        assertEquals("DELIVERED", delivered.getString("status"));
        assertEquals(MAX_ATTEMPTS + 1, delivered.getJsonArray("attempts").size());
    }

    @Test
    @Order(5)
    void aSlowReceiverDoesNotHoldUpOtherInstances() {
        Tenant slow = provision(admin(), "slow", null, null);
        Tenant quick = provision(admin(), "quick", null, null);
        run(slow);
        run(quick);
        receiver.delay(slow.path(), Duration.ofSeconds(8));
        writeContacts(slow, 30);
        writeContacts(quick, 3);
        assertEquals(30, run(slow).getInt("eventsRecorded"));
        awaitTrue(Duration.ofSeconds(5), () -> !receiver.all(slow.path()).isEmpty(), "the slow receiver is busy");
        Instant quickDetected = Instant.now();
        assertEquals(3, run(quick).getInt("eventsRecorded"));
        awaitTrue(Duration.ofSeconds(4), () -> receiver.successes(quick.path()).size() == 1, "the other instance is served at once");
        assertTrue(Duration.between(quickDetected, Instant.now()).toMillis() < 4000);
        assertEquals(0, receiver.successes(slow.path()).size(), "while the slow one still answers its first callback");
        receiver.succeed(slow.path());
        awaitTrue(Duration.ofSeconds(40), () -> list(slow.api(), slow.notifications() + "?status=DELIVERED").size() == 3,
                "the slow one catches up");
    }

    @Test
    @Order(6)
    void aServerKilledWithNotificationsPendingDeliversThemAllAfterRestart() throws Exception {
        Deployments.assumeExtraNodesArePayaraMicro();
        Path data = Files.createTempDirectory(Path.of("target"), "it-delivery-crash-");
        int port = freePort();
        Node node = Node.start(port, deployment.getPort(), data);
        Tenant t;
        List<String> ids;
        try {
            t = provision(node.api().asBootstrapAdmin(), "crash", null, null);
            run(t);
            // the first callback hangs (an attempt in flight when the server dies), the rest fail (retries pending)
            receiver.delay(t.path(), Duration.ofSeconds(30));
            ids = writeContacts(t, 25);
            assertEquals(25, run(t).getInt("eventsRecorded"));
            awaitTrue(Duration.ofSeconds(10), () -> !receiver.all(t.path()).isEmpty(), "an attempt in flight");
            assertEquals(3, list(t.api(), t.notifications() + "?status=PENDING,RETRYING").size());
            // the embedded H2 writes commits to disk up to 10 ms late (its WRITE_DELAY): a kill within
            // that window loses the last commits, and the events are dispatched again under new ids
            sleep(2000);
        } finally {
            node.kill();
        }
        receiver.succeed(t.path());
        Node again = Node.start(port, deployment.getPort(), data);
        try {
            awaitTrue(Duration.ofSeconds(120), () -> receiver.successes(t.path()).size() >= 3, "all three after the restart");
            Set<String> delivered = new LinkedHashSet<>();
            receiver.successes(t.path()).forEach(r -> r.json().getJsonObject("message").getJsonArray("events")
                    .forEach(e -> delivered.add(e.asJsonObject().getString("objectId"))));
            assertEquals(new LinkedHashSet<>(ids), delivered, "nothing lost");
            Api restarted = again.api().asBootstrapAdmin();
            awaitTrue(Duration.ofSeconds(20), () -> list(restarted, t.notifications() + "?status=DELIVERED").size() == 3, "all DELIVERED");
            Set<String> logged = list(restarted, t.notifications()).stream().map(n -> n.getString("id")).collect(Collectors.toSet());
            Set<String> received = receiver.all(t.path()).stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
            assertEquals(logged, received, "the ids survive the crash");
        } finally {
            again.kill();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** An instance polling contacts, its callback on this test's receiver. */
    Tenant provision(Api api, String name, String signatureKey, String ordered) {
        return provision(api, name, signatureKey, ordered, Map.of());
    }

    Tenant provision(Api api, String name, String signatureKey, String ordered, Map<String, String> more) {
        String account = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String clientId = "cid-" + UUID.randomUUID();
        String secret = "csecret-" + UUID.randomUUID();
        String path = "/hook/" + account;
        var url = api.get(API + "/elements/constantcontact/oauth/url?apiKey=" + enc(clientId)
                + "&callbackUrl=" + enc(CALLBACK));
        assertEquals(200, url.status(), url::toString);
        var redirect = new Api(deployment).get(url.json().getString("oauthUrl") + "&account=" + enc(account));
        assertEquals(302, redirect.status(), redirect::toString);
        String code = query(redirect.header("Location")).get("code");
        assertEquals(200, admin().put(SANDBOX + "/admin/clients/" + clientId + "/limits",
                "{\"requestsPerSecond\":1000,\"requestsPerDay\":1000000}").status());
        JsonObjectBuilder configuration = Json.createObjectBuilder()
                .add("oauth.api.key", clientId).add("oauth.api.secret", secret).add("oauth.callback.url", CALLBACK)
                .add("event.notification.enabled", "true").add("event.notification.callback.url", receiver.url(path))
                .add("event.vendor.type", "polling").add("event.poller.refresh_interval", "PT1H")
                .add("event.poller.configuration", CONTACTS_ONLY)
                .add("event.notification.callback.headers", "{\"X-Receiver-Key\":\"" + receiverKey(account) + "\"}");
        if (signatureKey != null) {
            configuration.add("event.notification.signature.key", signatureKey);
        }
        if (ordered != null) {
            configuration.add("event.notification.ordered", ordered);
        }
        more.forEach(configuration::add);
        String body = Json.createObjectBuilder()
                .add("element", Json.createObjectBuilder().add("key", "constantcontact"))
                .add("providerData", Json.createObjectBuilder().add("code", code))
                .add("configuration", configuration)
                .add("name", "DeliveryIT " + name).build().toString();
        var created = api.post(INSTANCES, body);
        assertEquals(200, created.status(), created::toString);
        String webhookSecret = created.json().getJsonObject("configuration").getString("event.notification.webhook.secret");
        return new Tenant(created.json().getJsonNumber("id").longValue(), account, path, webhookSecret, api);
    }

    // ---------------------------------------------------------------- CloudEvents (issue 15)

    /**
     * {@code event.notification.format=cloudevents}: one CloudEvent per change, in each mode of the HTTP binding,
     * as the CloudEvents SDK reads it on the receiver's side; ids, signatures and the delivery log as in Cloud Elements' format.
     */
    @Test
    @Order(5)
    void cloudEventsInStructuredBinaryAndBatchModeCarryEveryChangeSigned() throws Exception {
        for (String mode : List.of("structured", "binary", "batch")) {
            Tenant t = provision(admin(), "ce-" + mode, SIGNATURE_KEY, null,
                    Map.of("event.notification.format", "cloudevents", "event.notification.cloudevents.mode", mode));
            run(t);
            List<String> written = writeContacts(t, 3);
            assertEquals(3, run(t).getInt("eventsRecorded"));
            int requests = mode.equals("batch") ? 1 : 3;
            awaitTrue(Duration.ofSeconds(20), () -> receiver.successes(t.path()).size() == requests, requests + " " + mode + " requests");
            awaitDelivered(t, requests);

            Map<String, String> eventIds = new HashMap<>();
            for (JsonObject e : list(t.api(), INSTANCES + "/" + t.id() + "/events")) {
                eventIds.put(e.getString("id"), e.getString("objectId"));
            }
            assertEquals(new TreeSet<>(written), new TreeSet<>(eventIds.values()));
            Set<String> notificationIds = list(t.api(), t.notifications()).stream().map(n -> n.getString("id")).collect(Collectors.toSet());
            List<CloudEvent> received = new ArrayList<>();
            for (Received r : receiver.successes(t.path())) {
                verifySignatures(r, t.webhookSecret(), SIGNATURE_KEY);
                assertTrue(notificationIds.contains(r.header("webhook-id")), "webhook-id is the notification's id");
                assertEquals(r.header("webhook-id"), r.header("Elements-Webhook-Id"));
                assertEquals(receiverKey(t.account()), r.header("X-Receiver-Key"));
                switch (mode) {
                    case "structured" -> assertEquals("application/cloudevents+json", r.header("Content-Type"));
                    case "binary" -> {
                        assertEquals("application/json", r.header("Content-Type"));
                        assertEquals("1.0", r.header("ce-specversion"));
                    }
                    default -> assertEquals("application/cloudevents-batch+json", r.header("Content-Type"));
                }
                received.addAll(CloudEventsReceiver.read(r.headers(), r.bytes()));
            }
            // what a receiver gets, kept for people to read (target/cloudevents-<mode>.txt)
            Received sample = receiver.successes(t.path()).get(0);
            Files.writeString(Path.of("target", "cloudevents-" + mode + ".txt"), new TreeMap<>(sample.headers()).entrySet().stream()
                    .map(h -> h.getKey() + ": " + String.join(", ", h.getValue())).collect(Collectors.joining("\n")) + "\n\n" + sample.body());
            assertEquals(3, received.size(), mode);
            Set<String> subjects = new TreeSet<>();
            for (CloudEvent event : received) {
                assertEquals("1.0", event.getSpecVersion().toString());
                assertTrue(eventIds.containsKey(event.getId()), "id is the event's id: " + event.getId());
                assertEquals(eventIds.get(event.getId()), event.getSubject(), "subject is the record's id");
                assertEquals("dev.changewire.constantcontact.contacts.created", event.getType());
                assertEquals(URI.create("/elements/api-v2/instances/" + t.id()), event.getSource());
                assertEquals("application/json", event.getDataContentType());
                assertNotNull(event.getTime());
                JsonObject data = Json.createReader(new StringReader(new String(event.getData().toBytes(), StandardCharsets.UTF_8))).readObject();
                assertEquals(event.getSubject(), data.getString("id"), "data is the record");
                subjects.add(event.getSubject());
            }
            assertEquals(new TreeSet<>(written), subjects);
        }
    }

    /** A retry of a CloudEvents notification sends the same request: the same ids, the same bytes, valid signatures. */
    @Test
    @Order(5)
    void aRetriedCloudEventIsTheSameRequest() {
        Tenant t = provision(admin(), "ce-retry", null, null,
                Map.of("event.notification.format", "cloudevents", "event.notification.cloudevents.mode", "binary"));
        run(t);
        receiver.failUntil(t.path(), Instant.now().plusSeconds(3), 503);
        writeContacts(t, 1);
        assertEquals(1, run(t).getInt("eventsRecorded"));
        awaitTrue(Duration.ofSeconds(30), () -> receiver.successes(t.path()).size() == 1, "delivered after the receiver recovered");
        List<Received> all = receiver.all(t.path());
        assertTrue(all.size() >= 2, "at least one failed attempt first: " + all.size());
        Received first = all.get(0);
        Received last = all.get(all.size() - 1);
        assertEquals(first.header("webhook-id"), last.header("webhook-id"));
        assertEquals(first.header("ce-id"), last.header("ce-id"));
        assertEquals(first.body(), last.body());
        all.forEach(r -> verifySignatures(r, t.webhookSecret(), null));
        awaitDelivered(t, 1);
        JsonObject logged = list(t.api(), t.notifications()).get(0);
        assertEquals(all.size(), logged.getJsonArray("attempts").size());
        assertEquals(503, logged.getJsonArray("attempts").getJsonObject(0).getInt("httpStatus"));

        // the settings are validated like every event.notification.* key
        var badFormat = t.api().patch(INSTANCES + "/" + t.id(), "{\"configuration\":{\"event.notification.format\":\"xml\"}}");
        assertEquals(400, badFormat.status(), badFormat::toString);
        assertTrue(badFormat.message().contains("event.notification.format") && badFormat.message().contains("xml"), badFormat::toString);
        var badMode = t.api().patch(INSTANCES + "/" + t.id(), "{\"configuration\":{\"event.notification.cloudevents.mode\":\"carrier-pigeon\"}}");
        assertEquals(400, badMode.status(), badMode::toString);
        assertTrue(badMode.message().contains("event.notification.cloudevents.mode"), badMode::toString);
        var ceHeader = t.api().patch(INSTANCES + "/" + t.id(), "{\"configuration\":{\"event.notification.callback.headers\":\"{\\\"ce-id\\\":\\\"x\\\"}\"}}");
        assertEquals(400, ceHeader.status(), ceHeader::toString);
        assertTrue(ceHeader.message().contains("ce-id"), ceHeader::toString);
    }

    /** The receiver's own credential, sent in a configured callback header. */
    static String receiverKey(String account) {
        return "receiver-key-" + account;
    }

    void awaitDelivered(Tenant t, int count) {
        awaitTrue(Duration.ofSeconds(10), () -> list(t.api(), t.notifications() + "?status=DELIVERED").size() == count,
                count + " notifications DELIVERED in the log");
    }

    Api organization(String name) {
        var reply = admin().post(API + "/organizations", "{\"name\":\"" + name + "-" + UUID.randomUUID() + "\"}");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        return new Api(deployment).as(body.getJsonObject("user").getString("secret"), body.getString("secret"));
    }

    JsonObject run(Tenant t) {
        var reply = t.api().post(INSTANCES + "/" + t.id() + "/events/poller/run", null);
        for (int i = 0; i < 20 && reply.status() == 409 && reply.body().contains("in progress"); i++) {
            sleep(500);
            reply = t.api().post(INSTANCES + "/" + t.id() + "/events/poller/run", null);
        }
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** Writes {@code count} new contacts, one millisecond apart, and answers their ids in that order. */
    List<String> writeContacts(Tenant t, int count) {
        List<String> ids = new ArrayList<>();
        Instant at = Instant.now().plusMillis(200);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            Instant when = at.plusMillis(i);
            var put = admin().put(SANDBOX + "/admin/accounts/" + t.account() + "/contacts/" + id,
                    "{\"first_name\":\"n" + i + "\",\"email_address\":{\"address\":\"" + id.substring(0, 8)
                            + "@example.com\",\"permission_to_send\":\"implicit\"},\"created_at\":\"" + when
                            + "\",\"updated_at\":\"" + when + "\"}");
            assertEquals(200, put.status(), put::toString);
            ids.add(id);
        }
        return ids;
    }

    /** Every item of a list, following the page tokens. */
    static List<JsonObject> list(Api api, String path) {
        List<JsonObject> all = new ArrayList<>();
        String next = null;
        for (int page = 0; page < 100; page++) {
            String url = path + (path.contains("?") ? "&" : "?") + "pageSize=50" + (next == null ? "" : "&nextPage=" + enc(next));
            var reply = api.get(url);
            assertEquals(200, reply.status(), reply::toString);
            reply.array().forEach(v -> all.add(v.asJsonObject()));
            next = reply.header("Elements-Next-Page-Token");
            if (next == null) {
                return all;
            }
        }
        throw new AssertionError("more than 100 pages");
    }

    /** Standard Webhooks with the reference library; Cloud Elements' body HMAC by hand. */
    static void verifySignatures(Received r, String webhookSecret, String signatureKey) {
        HttpHeaders headers = HttpHeaders.of(Map.of(
                "webhook-id", List.of(r.header("webhook-id")),
                "webhook-timestamp", List.of(r.header("webhook-timestamp")),
                "webhook-signature", List.of(r.header("webhook-signature"))), (a, b) -> true);
        assertDoesNotThrow(() -> new Webhook(webhookSecret).verify(r.body(), headers));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(webhookSecret).verify(r.body() + " ", headers));
        if (signatureKey == null) {
            assertEquals(null, r.header("Elements-Webhook-Signature"));
            return;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signatureKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(r.bytes()));
            assertEquals(expected, r.header("Elements-Webhook-Signature"));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A port nobody listens on now (other helpers' servers run on this machine too). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits for the condition, checking every 100 ms. */
    static void awaitTrue(Duration timeout, BooleanSupplier condition, String what) {
        Waits.awaitTrue(timeout, Duration.ofMillis(100), condition, what);
    }

    /** One request the receiver got, and what it answered. */
    record Received(Map<String, List<String>> headers, byte[] bytes, int status, Instant at) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body()))) {
                return reader.readObject();
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** The customer's receiver: the JDK's HTTP server on 127.0.0.1, one behaviour per path. */
    static final class Receiver {

        record Behaviour(int failStatus, Instant failUntil, Duration delay) {
        }

        private final HttpServer server;
        private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
        private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            server.setExecutor(Executors.newCachedThreadPool());
            Receiver receiver = new Receiver(server);
            server.createContext("/hook/", receiver::handle);
            server.start();
            return receiver;
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void failUntil(String path, Instant until, int status) {
            behaviours.put(path, new Behaviour(status, until, Duration.ZERO));
        }

        void delay(String path, Duration delay) {
            behaviours.put(path, new Behaviour(200, Instant.MIN, delay));
        }

        void succeed(String path) {
            behaviours.remove(path);
        }

        List<Received> all(String path) {
            return List.copyOf(received.getOrDefault(path, List.of()));
        }

        List<Received> successes(String path) {
            return all(path).stream().filter(r -> r.status() / 100 == 2).toList();
        }

        void stop() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Behaviour behaviour = behaviours.get(path);
            if (behaviour != null && !behaviour.delay().isZero()) {
                // recorded on arrival with status 0: whether the answer reaches the sender is not known here
                received.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>())
                        .add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, 0, Instant.now()));
                long until = System.nanoTime() + behaviour.delay().toNanos();
                // a delay ends early once the test calls succeed(): it models a receiver that recovers
                while (System.nanoTime() < until && behaviours.get(path) == behaviour) {
                    sleep(50);
                }
            }
            int status = behaviour != null && Instant.now().isBefore(behaviour.failUntil()) ? behaviour.failStatus() : 200;
            byte[] answer = (status == 200 ? "ok" : "failing").getBytes(StandardCharsets.UTF_8);
            if (behaviour == null || behaviour.delay().isZero()) {
                received.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>())
                        .add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status, Instant.now()));
            }
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
            exchange.close();
        }
    }
}
