import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provisions instances (events on, 1-minute interval, the three default resources) on a running
 * Changewire node with its sandbox, switches events on for all of them at once, waits, and prints one
 * RESULT line for the measured window: scheduled runs against expected, schedule lag p50/p99/max, the
 * queue of due runs (median and max depth, oldest lag), and the latency of PATCH calls made meanwhile,
 * all from the node's /metrics (Micrometer). Run by bench/poller-capacity.sh (one fresh node per size); by hand:
 * {@code java bench/PollerCapacity.java <port> <instances> <measureSeconds>}.
 */
public class PollerCapacity {

    static final String USER = "bench-user-secret-0123456789abcdef";
    static final String ORG = "bench-organization-secret-0123456789abcdef";
    // HTTP/1.1 as API clients send it: with the JDK's default (HTTP/2 by h2c upgrade) a stream reset under load ended a 20,000 run
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int instances = Integer.parseInt(args[1]);
        int measureSeconds = Integer.parseInt(args[2]);
        String base = "http://127.0.0.1:" + port;
        String clientId = "bench-" + UUID.randomUUID();
        String secret = "bench-secret-" + UUID.randomUUID();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> jobs = new ArrayList<>();
        for (int i = 0; i < Math.min(5, instances); i++) {
            provision(base, clientId, secret, "bench-" + i, i);
        }
        for (int i = 5; i < instances; i++) {
            int n = i;
            jobs.add(pool.submit(() -> provision(base, clientId, secret, "bench-" + (n % 500), n)));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
        System.out.printf("provisioned %d instances (events off) in %.1f s%n", instances, (System.nanoTime() - started) / 1e9);
        // switch events on for all at once: no lag samples come from the (slow, CPU-bound) provisioning
        long enabling = System.nanoTime();
        ExecutorService patches = Executors.newFixedThreadPool(4);
        List<Future<?>> enabled = new ArrayList<>();
        for (String id : IDS) {
            enabled.add(patches.submit(() -> enable(base, id)));
        }
        for (Future<?> job : enabled) {
            job.get();
        }
        patches.shutdown();
        System.out.printf("events switched on in %.1f s%n", (System.nanoTime() - enabling) / 1e9);
        // let the first minute's slots (spread over the interval) all come round, then measure a clean window
        Thread.sleep(70_000);
        String before = metrics(base);
        // during the window: PATCH calls as a user makes them (events switched on again), their latency and
        // status, and the queue of due runs sampled every 5 s
        List<Long> patchMillis = new ArrayList<>();
        int[] patchFailures = {0};
        List<Double> waiting = new ArrayList<>();
        double oldestLag = 0;
        long end = System.nanoTime() + measureSeconds * 1_000_000_000L;
        java.util.Random random = new java.util.Random(1);
        long nextSample = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            int status = patch(base, IDS.get(random.nextInt(IDS.size())));
            patchMillis.add((System.nanoTime() - t0) / 1_000_000);
            if (status != 200) {
                patchFailures[0]++;
            }
            if (System.nanoTime() >= nextSample) {
                String m = metrics(base);
                waiting.add(value(m, "changewire_poller_queue_waiting"));
                oldestLag = Math.max(oldestLag, value(m, "changewire_poller_queue_oldest_lag_seconds"));
                nextSample = System.nanoTime() + 5_000_000_000L;
            }
            Thread.sleep(500);
        }
        String after = metrics(base);
        String runs = "changewire_poller_runs_total\\{outcome=\"COMPLETED\",trigger=\"SCHEDULED\"";
        double ran = value(after, runs) - value(before, runs);
        double expected = instances * measureSeconds / 60.0;
        patchMillis.sort(null);
        waiting.sort(null);
        System.out.printf("RESULT instances=%d runs=%.0f expected=%.0f ratio=%.2f lag_p50=%.3fs lag_p99=%.3fs lag_max=%.3fs"
                        + " queue_median=%.0f queue_max=%.0f queue_oldest_lag_max=%.1fs patch_p50=%dms patch_p99=%dms patch_max=%dms"
                        + " patch_calls=%d patch_non200=%d%n",
                instances, ran, expected, ran / expected,
                value(after, "changewire_poller_schedule_lag_seconds\\{quantile=\"0.5\""),
                value(after, "changewire_poller_schedule_lag_seconds\\{quantile=\"0.99\""),
                value(after, "changewire_poller_schedule_lag_seconds_max"),
                waiting.isEmpty() ? 0 : waiting.get(waiting.size() / 2), waiting.isEmpty() ? 0 : waiting.get(waiting.size() - 1), oldestLag,
                percentile(patchMillis, 0.5), percentile(patchMillis, 0.99), patchMillis.isEmpty() ? 0 : patchMillis.get(patchMillis.size() - 1),
                patchMillis.size(), patchFailures[0]);
        after.lines().filter(l -> l.startsWith("changewire_poller_runs_total") || l.startsWith("changewire_poller_errors")
                || l.startsWith("changewire_poller_queue")).forEach(System.out::println);
    }

    static long percentile(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static int patch(String base, String id) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/elements/api-v2/instances/" + id))
                    .header("Authorization", "User " + USER + ", Organization " + ORG).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"configuration\":{\"event.notification.enabled\":\"true\"}}"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static final List<String> IDS = java.util.Collections.synchronizedList(new ArrayList<>());

    static void enable(String base, String id) {
        try {
            HttpResponse<String> patched = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/elements/api-v2/instances/" + id))
                    .header("Authorization", "User " + USER + ", Organization " + ORG).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"configuration\":{\"event.notification.enabled\":\"true\"}}"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (patched.statusCode() != 200) {
                throw new IllegalStateException(patched.statusCode() + " " + patched.body());
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static void provision(String base, String clientId, String secret, String account, int n) {
        try {
            long t0 = System.nanoTime();
            String url = get(base + "/elements/api-v2/elements/constantcontact/oauth/url?apiKey=" + enc(clientId)
                    + "&callbackUrl=" + enc("https://bench.example.com/cb"), true).body();
            Matcher m = Pattern.compile("\"oauthUrl\":\"([^\"]+)\"").matcher(url);
            if (!m.find()) {
                throw new IllegalStateException(url);
            }
            long t1 = System.nanoTime();
            HttpResponse<String> redirect = get(m.group(1).replace("\\/", "/") + "&account=" + enc(account), false);
            long t2 = System.nanoTime();
            String location = redirect.headers().firstValue("Location").orElseThrow();
            String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
            String body = "{\"element\":{\"key\":\"constantcontact\"},\"providerData\":{\"code\":\"" + code + "\"},\"name\":\"bench " + n
                    + "\",\"configuration\":{\"oauth.api.key\":\"" + clientId + "\",\"oauth.api.secret\":\"" + secret
                    + "\",\"oauth.callback.url\":\"https://bench.example.com/cb\",\"event.notification.enabled\":\"false\","
                    + "\"event.notification.callback.url\":\"https://receiver.example.com/events\",\"event.poller.refresh_interval\":\"1\"}}";
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/elements/api-v2/instances"))
                    .header("Authorization", "User " + USER + ", Organization " + ORG).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 200) {
                throw new IllegalStateException(created.statusCode() + " " + created.body());
            }
            Matcher id = Pattern.compile("\"id\":([0-9]+)").matcher(created.body());
            if (!id.find()) {
                throw new IllegalStateException(created.body());
            }
            IDS.add(id.group(1));
            if (n < 5) {
                System.out.printf("instance %d: url %d ms, authorize %d ms, create %d ms%n", n, (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static HttpResponse<String> get(String url, boolean authorized) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorized) {
            request.header("Authorization", "User " + USER + ", Organization " + ORG);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String metrics(String base) throws Exception {
        return get(base + "/metrics", false).body();
    }

    static double value(String metrics, String prefix) {
        Pattern p = Pattern.compile("^" + prefix + "[^ ]* ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = p.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
