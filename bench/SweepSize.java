import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a full sweep of one Constant Contact account costs by paging: requests and time. Writes N contacts
 * into a sandbox account (older than the instance), provisions an instance whose contacts have a full
 * sweep on every run, and runs it by hand: the first pass (the baseline), then three more (medians),
 * then one after 1% of the contacts unsubscribed and 1% were hard-deleted (what it finds).
 * {@code java bench/SweepSize.java <port> <contacts> <pageSize> <sandboxAdminSecret>}, after bench/sweep-size.sh started the node.
 */
public class SweepSize {

    static final String USER = "bench-user-secret-0123456789abcdef";
    static final String ORG = "bench-organization-secret-0123456789abcdef";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:" + args[0];
        int contacts = Integer.parseInt(args[1]);
        int pageSize = Integer.parseInt(args[2]);
        String adminSecret = args[3];
        String account = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        String clientId = "sweep-bench-" + UUID.randomUUID();

        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        for (int i = 0; i < contacts; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            Instant at = longAgo.plusMillis(i);
            String body = "{\"first_name\":\"C" + i + "\",\"email_address\":{\"address\":\"c" + i + "-" + id.substring(0, 8)
                    + "@example.com\",\"permission_to_send\":\"implicit\"},\"created_at\":\"" + at + "\",\"updated_at\":\"" + at + "\"}";
            inFlight.acquire();
            writes.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/sandbox/constantcontact/admin/accounts/" + account + "/contacts/" + id))
                    .header("Sandbox-Admin-Secret", adminSecret).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        System.out.printf("wrote %d contacts in %d ms%n", contacts, (System.nanoTime() - t0) / 1_000_000);

        String configuration = "{\"contacts\":{\"url\":\"/hubs/marketing/contacts?where=modified_since='${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}'\","
                + "\"idField\":\"id\",\"deletedDateField\":\"deleted_date\",\"datesConfiguration\":{\"updatedDateField\":\"modified_date\","
                + "\"createdDateField\":\"created_date\"},\"sweeps\":{\"full\":{\"interval\":0,\"pageSize\":" + pageSize
                + ",\"url\":\"/hubs/marketing/contacts?where=status='ALL'\",\"complete\":true}}}}";
        String id = provision(base, clientId, account, configuration);
        for (int run = 0; run < 4; run++) {
            sweep(base, id, clientId, run == 0 ? "first pass (baseline)" : "pass " + (run + 1));
        }
        for (int i = 0; i < contacts / 100; i++) {
            send("POST", base + "/sandbox/constantcontact/admin/accounts/" + account + "/contacts/" + ids.get(2 * i) + "/unsubscribe", adminSecret, "");
            send("DELETE", base + "/sandbox/constantcontact/admin/accounts/" + account + "/contacts/" + ids.get(2 * i + 1), adminSecret, null);
        }
        sweep(base, id, clientId, "after " + contacts / 100 + " unsubscribes and " + contacts / 100 + " hard deletes");
    }

    static void sweep(String base, String id, String clientId, String label) throws Exception {
        long before = served(base, clientId);
        long t0 = System.nanoTime();
        HttpResponse<String> run = HTTP.send(authorized(base + "/elements/api-v2/instances/" + id + "/events/poller/run")
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Matcher sweep = Pattern.compile("\"sweeps\":\\[(\\{[^]]*\\})\\]").matcher(run.body());
        System.out.printf("RESULT %s: run %d ms, provider requests %d, sweep %s%n", label, ms, served(base, clientId) - before,
                sweep.find() ? sweep.group(1) : run.statusCode() + " " + run.body());
    }

    static long served(String base, String clientId) throws Exception {
        String stats = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/constantcontact/stats/" + enc(clientId))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"requestsServed\":([0-9]+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static String provision(String base, String clientId, String account, String pollerConfiguration) throws Exception {
        String url = HTTP.send(authorized(base + "/elements/api-v2/elements/constantcontact/oauth/url?apiKey=" + enc(clientId)
                + "&callbackUrl=" + enc("https://bench.example.com/cb")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"oauthUrl\":\"([^\"]+)\"").matcher(url);
        if (!m.find()) {
            throw new IllegalStateException(url);
        }
        HttpResponse<String> redirect = HTTP.send(HttpRequest.newBuilder(URI.create(m.group(1).replace("\\/", "/") + "&account=" + enc(account))).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        String body = "{\"element\":{\"key\":\"constantcontact\"},\"providerData\":{\"code\":\"" + code + "\"},\"name\":\"sweep bench\","
                + "\"configuration\":{\"oauth.api.key\":\"" + clientId + "\",\"oauth.api.secret\":\"sweep-bench-secret\","
                + "\"oauth.callback.url\":\"https://bench.example.com/cb\",\"event.notification.enabled\":\"true\","
                + "\"event.notification.callback.url\":\"https://receiver.example.com/events\",\"event.vendor.type\":\"polling\","
                + "\"event.poller.refresh_interval\":\"1440\",\"event.poller.configuration\":" + quote(pollerConfiguration) + "}}";
        HttpResponse<String> created = HTTP.send(authorized(base + "/elements/api-v2/instances").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":([0-9]+)").matcher(created.body());
        if (created.statusCode() != 200 || !id.find()) {
            throw new IllegalStateException(created.statusCode() + " " + created.body());
        }
        return id.group(1);
    }

    static void send(String method, String url, String adminSecret, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Sandbox-Admin-Secret", adminSecret)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
    }

    static HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "User " + USER + ", Organization " + ORG);
    }

    static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
