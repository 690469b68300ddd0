import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quota planner against a key that cannot afford its instances (issue 13): N instances with the
 * default poller configuration at 1 minute on one API key whose daily budget is given (its own limits,
 * set as a bootstrap admin; the sandbox counts the same; 0 picks half of what the rest of today wants). Every minute it prints the requests the
 * sandbox served the key, what the rest of the day allows per minute (budget − used − reserve over the
 * minutes left), and the planner's stretch. {@code java bench/QuotaPace.java <port> <instances> <perDay> <minutes> <sandboxAdminSecret>}
 */
public class QuotaPace {

    static final String USER = "bench-user-secret-0123456789abcdef";
    static final String ORG = "bench-organization-secret-0123456789abcdef";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:" + args[0];
        int instances = Integer.parseInt(args[1]);
        int perDay = Integer.parseInt(args[2]);
        if (perDay == 0) {
            // half of what the rest of today wants at the configured intervals (4 requests a run), less the 10 % reserve
            Instant t = Instant.now();
            double minutesLeft = Duration.between(t, t.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))).toSeconds() / 60.0;
            perDay = (int) Math.ceil(instances * 4 * minutesLeft / 2 / 0.9);
        }
        int minutes = Integer.parseInt(args[3]);
        String adminSecret = args[4];
        String clientId = "quota-bench-" + UUID.randomUUID();
        send("PUT", base + "/elements/api-v2/elements/constantcontact/keys/" + clientId + "/limits",
                "{\"requestsPerDay\":" + perDay + ",\"requestsPerSecond\":4}", true, null);
        send("PUT", base + "/sandbox/constantcontact/admin/clients/" + clientId + "/limits",
                "{\"requestsPerDay\":" + perDay + ",\"requestsPerSecond\":4}", false, adminSecret);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ids.add(provision(base, clientId, "quota-" + i + "-" + UUID.randomUUID().toString().substring(0, 8)));
        }
        System.out.printf("%d instances at 1 minute on key %s, %d requests a day; at the configured intervals about %d requests a minute%n",
                instances, clientId, perDay, instances * 4);
        System.out.println("| minute | requests served | allowed a minute (budget − used − reserve over minutes left) | stretch | effective interval | quota_exceeded |");
        System.out.println("|---|---|---|---|---|---|");
        long previous = served(base, clientId);
        List<Long> perMinute = new ArrayList<>();
        List<Double> allowed = new ArrayList<>();
        for (int m = 1; m <= minutes; m++) {
            Thread.sleep(60_000);
            long now = served(base, clientId);
            String status = get(base + "/elements/api-v2/instances/" + ids.get(0) + "/events/poller");
            double used = number(status, "usedToday");
            double reserve = number(status, "reserve");
            Instant t = Instant.now();
            double minutesLeft = Duration.between(t, t.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))).toSeconds() / 60.0;
            double allow = (perDay - used - reserve) / minutesLeft;
            System.out.printf("| %d | %d | %.1f | %s | %s | %s |%n", m, now - previous, allow, text(status, "stretch"),
                    text(status, "effectiveInterval"), text(get(base + "/sandbox/constantcontact/stats/" + enc(clientId)), "quotaExceeded"));
            perMinute.add(now - previous);
            allowed.add(allow);
            previous = now;
        }
        List<Long> steady = new ArrayList<>(perMinute.subList(Math.min(3, perMinute.size() - 1), perMinute.size()));
        steady.sort(null);
        System.out.printf("RESULT median requests a minute from minute 4: %d (%d an hour); allowed at the end %.1f a minute (%.0f an hour)%n",
                steady.get(steady.size() / 2), steady.get(steady.size() / 2) * 60, allowed.get(allowed.size() - 1), allowed.get(allowed.size() - 1) * 60);
    }

    static String provision(String base, String clientId, String account) throws Exception {
        String url = get(base + "/elements/api-v2/elements/constantcontact/oauth/url?apiKey=" + enc(clientId)
                + "&callbackUrl=" + enc("https://bench.example.com/cb"));
        Matcher m = Pattern.compile("\"oauthUrl\":\"([^\"]+)\"").matcher(url);
        if (!m.find()) {
            throw new IllegalStateException(url);
        }
        HttpResponse<String> redirect = HTTP.send(HttpRequest.newBuilder(URI.create(m.group(1).replace("\\/", "/") + "&account=" + enc(account))).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        String code = URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        String body = "{\"element\":{\"key\":\"constantcontact\"},\"providerData\":{\"code\":\"" + code + "\"},\"name\":\"quota bench\","
                + "\"configuration\":{\"oauth.api.key\":\"" + clientId + "\",\"oauth.api.secret\":\"quota-bench-secret\","
                + "\"oauth.callback.url\":\"https://bench.example.com/cb\",\"event.notification.enabled\":\"true\","
                + "\"event.notification.callback.url\":\"https://receiver.example.com/events\",\"event.vendor.type\":\"polling\","
                + "\"event.poller.refresh_interval\":\"1\"}}";
        String created = send("POST", base + "/elements/api-v2/instances", body, true, null);
        Matcher id = Pattern.compile("\"id\":([0-9]+)").matcher(created);
        if (!id.find()) {
            throw new IllegalStateException(created);
        }
        return id.group(1);
    }

    static long served(String base, String clientId) throws Exception {
        return (long) number(get(base + "/sandbox/constantcontact/stats/" + enc(clientId)), "requestsServed");
    }

    static double number(String json, String key) {
        String t = text(json, key);
        return t == null ? Double.NaN : Double.parseDouble(t);
    }

    static String text(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"?([^,\"}]+)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String get(String url) throws Exception {
        return HTTP.send(authorized(url).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String send(String method, String url, String body, boolean api, String adminSecret) throws Exception {
        HttpRequest.Builder request = (api ? authorized(url) : HttpRequest.newBuilder(URI.create(url)).header("Sandbox-Admin-Secret", adminSecret))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static HttpRequest.Builder authorized(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "User " + USER + ", Organization " + ORG);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
