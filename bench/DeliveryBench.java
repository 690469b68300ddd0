import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end delivery benchmark: N instances, each polling contacts of its own sandbox account, M
 * new contacts each, one poll run per instance (all at once), a local receiver answering 200 at once.
 * Reports events delivered per second (from the first detection to the last 2xx) and the latency from
 * each event's detection (its detectedDate in the delivery log) to the receiver answering it.
 * Run it with bench/run.sh.
 */
public class DeliveryBench {

    static final String AUTH = "User bench-user-secret-0123456789abcdef, Organization bench-organization-secret-0123456789";
    static final String API = "/elements/api-v2";
    static final String SANDBOX = "/sandbox/constantcontact";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    static String base;
    /** Where the sandbox (the provider) answers: the node itself unless a separate provider node is given. */
    static String providerBase;
    static final Map<String, Instant> receivedAt = new ConcurrentHashMap<>();
    static final AtomicInteger callbacks = new AtomicInteger();
    static final AtomicInteger duplicates = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("backlog")) {
            Backlog.main(args);
            return;
        }
        base = args[0];
        providerBase = base;
        int instances = Integer.parseInt(args[1]);
        int eventsPerInstance = Integer.parseInt(args[2]);
        awaitServer();
        HttpServer receiver = receiver();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, instances * 2));
        try {
            List<long[]> ids = new ArrayList<>();
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String account = "bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
                accounts.add(account);
                ids.add(new long[] {provision(account, hook)});
            }
            for (long[] id : ids) {
                run(id[0]);
            }
            System.out.printf("writing %d contacts in each of %d sandbox accounts%n", eventsPerInstance, instances);
            List<Future<?>> writes = new ArrayList<>();
            for (String account : accounts) {
                writes.add(pool.submit(() -> writeContacts(account, eventsPerInstance)));
            }
            for (Future<?> f : writes) {
                f.get();
            }
            int total = instances * eventsPerInstance;
            Instant start = Instant.now();
            List<Future<?>> runs = new ArrayList<>();
            for (long[] id : ids) {
                runs.add(pool.submit(() -> run(id[0])));
            }
            Instant until = Instant.now().plusSeconds(600);
            while (receivedAt.size() < total && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            for (Future<?> f : runs) {
                f.get();
            }
            System.out.printf("received %d of %d events in %d callbacks (%d repeated)%n", receivedAt.size(), total,
                    callbacks.get(), duplicates.get());
            Map<String, Instant> detected = new HashMap<>();
            for (long[] id : ids) {
                detected.putAll(detectedDates(id[0]));
            }
            List<Long> latencies = new ArrayList<>();
            Instant firstDetected = Instant.MAX;
            Instant lastReceived = Instant.MIN;
            for (Map.Entry<String, Instant> e : receivedAt.entrySet()) {
                Instant d = detected.get(e.getKey());
                if (d == null) {
                    continue;
                }
                latencies.add(Duration.between(d, e.getValue()).toMillis());
                firstDetected = d.isBefore(firstDetected) ? d : firstDetected;
                lastReceived = e.getValue().isAfter(lastReceived) ? e.getValue() : lastReceived;
            }
            Collections.sort(latencies);
            double seconds = Duration.between(firstDetected, lastReceived).toMillis() / 1000.0;
            System.out.printf("poll runs took %d ms in all (started %s)%n", Duration.between(start, Instant.now()).toMillis(), start);
            System.out.printf("throughput: %.1f events/s (%d events, first detection to last 2xx %.2f s)%n",
                    latencies.size() / seconds, latencies.size(), seconds);
            System.out.printf("latency detection -> 2xx: p50 %d ms, p99 %d ms, max %d ms%n",
                    pct(latencies, 0.50), pct(latencies, 0.99), latencies.get(latencies.size() - 1));
        } finally {
            pool.shutdownNow();
            receiver.stop(0);
        }
    }

    static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Instant now = Instant.now();
            JsonArray events = json(new String(body, StandardCharsets.UTF_8)).asJsonObject()
                    .getJsonObject("message").getJsonArray("events");
            callbacks.incrementAndGet();
            for (JsonValue e : events) {
                if (receivedAt.putIfAbsent(e.asJsonObject().getString("objectId"), now) != null) {
                    duplicates.incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.start();
        return server;
    }

    static long provision(String account, String hook) throws Exception {
        return provision(account, hook, "PT1H");
    }

    static long provision(String account, String hook, String interval) throws Exception {
        String clientId = "cid-" + UUID.randomUUID();
        String secret = "csecret-" + UUID.randomUUID();
        String callback = "https://app.example.com/oauth/callback";
        JsonObject url = json(send("GET", API + "/elements/constantcontact/oauth/url?apiKey=" + enc(clientId)
                + "&callbackUrl=" + enc(callback), null, true).body()).asJsonObject();
        HttpResponse<String> redirect = send("GET", url.getString("oauthUrl") + "&account=" + enc(account), null, false);
        String code = query(redirect.headers().firstValue("Location").orElseThrow()).get("code");
        send("PUT", providerBase + SANDBOX + "/admin/clients/" + clientId + "/limits", "{\"requestsPerSecond\":100000,\"requestsPerDay\":100000000}", false);
        String poller = "{\"contacts\":{\"url\":\"/hubs/marketing/contacts?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'\","
                + "\"idField\":\"id\",\"pageSize\":100,\"deletedDateField\":\"deleted_date\","
                + "\"datesConfiguration\":{\"updatedDateField\":\"modified_date\",\"createdDateField\":\"created_date\"}}}";
        String body = Json.createObjectBuilder()
                .add("element", Json.createObjectBuilder().add("key", "constantcontact"))
                .add("providerData", Json.createObjectBuilder().add("code", code))
                .add("configuration", Json.createObjectBuilder()
                        .add("oauth.api.key", clientId).add("oauth.api.secret", secret).add("oauth.callback.url", callback)
                        .add("event.notification.enabled", "true").add("event.notification.callback.url", hook)
                        .add("event.vendor.type", "polling").add("event.poller.refresh_interval", interval)
                        .add("event.poller.configuration", poller))
                .add("name", "bench " + account).build().toString();
        HttpResponse<String> created = send("POST", API + "/instances", body, true);
        if (created.statusCode() != 200) {
            throw new IllegalStateException(created.statusCode() + " " + created.body());
        }
        return json(created.body()).asJsonObject().getJsonNumber("id").longValue();
    }

    static void run(long instanceId) {
        try {
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = send("POST", API + "/instances/" + instanceId + "/events/poller/run", null, true);
                if (r.statusCode() == 200) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("poll run of " + instanceId + " kept failing");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Contacts stamped with the moment they are written (the backlog and steady modes) rather than 1 ms apart. */
    static volatile boolean realTime;

    static void writeContacts(String account, int count) {
        try {
            Instant at = Instant.now().plusMillis(100);
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                Instant when = realTime ? Instant.now() : at.plusMillis(i);
                HttpResponse<String> r = send("PUT", providerBase + SANDBOX + "/admin/accounts/" + account + "/contacts/" + id,
                        "{\"first_name\":\"b" + i + "\",\"email_address\":{\"address\":\"" + id.substring(0, 8)
                                + "@example.com\",\"permission_to_send\":\"implicit\"},\"created_at\":\"" + when
                                + "\",\"updated_at\":\"" + when + "\"}", false);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.statusCode() + " " + r.body());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** objectId → detection time, from the delivery log. */
    static Map<String, Instant> detectedDates(long instanceId) throws Exception {
        Map<String, Instant> detected = new HashMap<>();
        String next = null;
        for (int page = 0; page < 1000; page++) {
            HttpResponse<String> r = send("GET", API + "/instances/" + instanceId + "/notifications?pageSize=200"
                    + (next == null ? "" : "&nextPage=" + enc(next)), null, true);
            for (JsonValue n : json(r.body()).asJsonArray()) {
                for (JsonValue e : n.asJsonObject().getJsonArray("events")) {
                    detected.put(e.asJsonObject().getString("objectId"), Instant.parse(e.asJsonObject().getString("detectedDate")));
                }
            }
            next = r.headers().firstValue("Elements-Next-Page-Token").orElse(null);
            if (next == null) {
                break;
            }
        }
        return detected;
    }

    static void awaitServer() throws Exception {
        Instant until = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(until)) {
            try {
                if (send("GET", API + "/elements/constantcontact", null, true).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the server did not come up");
    }

    static HttpResponse<String> send(String method, String path, String body, boolean authorized) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorized) {
            b.header("Authorization", AUTH);
        }
        if (path.contains("/sandbox/constantcontact/admin")) {
            b.header("Sandbox-Admin-Secret", "bench-sandbox-admin-secret-0123456789"); // bench/run.sh's
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}

/**
 * Backlog mode ({@code bench/backlog.sh}): N instances polling contacts every second on a Changewire node
 * whose provider is a separate node's sandbox. Once every instance has set its baseline, the Changewire
 * process is frozen (SIGSTOP: polling paused), M contacts are written into each account, and the process is
 * resumed (SIGCONT). Measures, from the resume to the last event's 2xx: events/s, latency from the moment a
 * change could first be seen (the later of its updated_at and the resume) to the receiver's 2xx, CPU seconds
 * of the Changewire process per event (utime+stime from /proc), its peak RSS (VmHWM), duplicates and misses.
 * Arguments: {@code backlog <changewire-url> <provider-url> <changewire-pid> <instances> <contacts-each>}.
 */
class Backlog {

    public static void main(String[] args) throws Exception {
        DeliveryBench.base = args[1];
        DeliveryBench.providerBase = args[2];
        long pid = Long.parseLong(args[3]);
        int instances = Integer.parseInt(args[4]);
        int each = Integer.parseInt(args[5]);
        DeliveryBench.realTime = true;
        DeliveryBench.awaitServer();
        HttpServer receiver = DeliveryBench.receiver();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, instances));
        try {
            List<Long> ids = new ArrayList<>();
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String account = "backlog-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
                accounts.add(account);
                ids.add(DeliveryBench.provision(account, hook, "PT1S"));
            }
            awaitBaselines(ids);
            signal("STOP", pid);
            Instant paused = Instant.now();
            List<Future<?>> writes = new ArrayList<>();
            for (String account : accounts) {
                writes.add(pool.submit(() -> DeliveryBench.writeContacts(account, each)));
            }
            for (Future<?> f : writes) {
                f.get();
            }
            int total = instances * each;
            System.out.printf("wrote %d contacts in %d accounts while polling was paused (%.1f s)%n", total, instances,
                    Duration.between(paused, Instant.now()).toMillis() / 1000.0);
            long cpuBefore = cpuTicks(pid);
            Instant resumed = Instant.now();
            signal("CONT", pid);
            Instant lastProgress = Instant.now();
            int seen = 0;
            while (DeliveryBench.receivedAt.size() < total && Duration.between(lastProgress, Instant.now()).getSeconds() < 60) {
                Thread.sleep(50);
                if (DeliveryBench.receivedAt.size() != seen) {
                    seen = DeliveryBench.receivedAt.size();
                    lastProgress = Instant.now();
                }
            }
            long cpuAfter = cpuTicks(pid);
            Thread.sleep(2000); // late duplicates
            List<Long> latencies = new ArrayList<>();
            Instant last = resumed;
            for (Instant at : DeliveryBench.receivedAt.values()) {
                latencies.add(Duration.between(resumed, at).toMillis());
                last = at.isAfter(last) ? at : last;
            }
            Collections.sort(latencies);
            int received = DeliveryBench.receivedAt.size();
            double seconds = Duration.between(resumed, last).toMillis() / 1000.0;
            double cpuSeconds = (cpuAfter - cpuBefore) / 100.0;
            System.out.printf("RESULT events=%d/%d seconds=%.2f events_per_s=%.0f p50_ms=%d p99_ms=%d cpu_s=%.2f cpu_ms_per_event=%.2f"
                            + " peak_rss_mb=%d duplicates=%d misses=%d callbacks=%d load=\"%s\"%n",
                    received, total, seconds, received / seconds, latencies.isEmpty() ? -1 : DeliveryBench.pct(latencies, 0.50),
                    latencies.isEmpty() ? -1 : DeliveryBench.pct(latencies, 0.99), cpuSeconds, 1000 * cpuSeconds / Math.max(1, received),
                    peakRssMb(pid), DeliveryBench.duplicates.get(), total - received, DeliveryBench.callbacks.get(),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("WINDOW %s %s%n", resumed.toString().substring(11, 19), last.toString().substring(11, 19));
        } finally {
            pool.shutdownNow();
            receiver.stop(0);
        }
        System.exit(0); // the receiver's executor threads would keep the JVM alive
    }

    /** Every instance has finished a first run (the one that sets the baseline and emits nothing). */
    static void awaitBaselines(List<Long> ids) throws Exception {
        Instant until = Instant.now().plusSeconds(120);
        for (long id : ids) {
            while (true) {
                HttpResponse<String> r = DeliveryBench.send("GET", DeliveryBench.API + "/instances/" + id + "/events/poller", null, true);
                if (r.statusCode() == 200 && r.body().contains("\"lastRunEnded\"")) {
                    break;
                }
                if (Instant.now().isAfter(until)) {
                    throw new IllegalStateException("instance " + id + " never finished a first poll: " + r.body());
                }
                Thread.sleep(200);
            }
        }
        Thread.sleep(1500); // a second run past the baseline, so nothing written later lands before it
    }

    static void signal(String signal, long pid) throws Exception {
        if (new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long peakRssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
