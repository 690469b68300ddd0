package dev.changewire.notifications.control;

import dev.changewire.notifications.entity.AttemptFailure;
import dev.changewire.notifications.entity.AttemptResult;
import dev.changewire.notifications.entity.CallbackAddressVerdict;
import dev.changewire.notifications.entity.CallbackRequest;
import dev.changewire.notifications.entity.DeliveryAttempt;
import dev.changewire.notifications.entity.DeliveryOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one attempt with the JDK's HTTP client: HTTP/1.1, connect timeout 5 s, the whole request
 * within {@code changewire.delivery.timeout}, redirects not followed (a 3xx is a failed attempt), at
 * most 2 KiB of the response read. The SSRF guard checks the callback's addresses first, every time,
 * and the request connects to the checked address ({@link PinnedAddresses}).
 */
@ApplicationScoped
public class CallbackClient {

    /** Reading the (at most 2 KiB) body after the status line, beyond the request timeout. */
    static final Duration BODY_GRACE = Duration.ofSeconds(5);

    @Inject
    CallbackAddressGuard guard;

    @Inject
    DeliverySettings settings;

    private HttpClient http;
    private final PinnedAddresses pins = new PinnedAddresses();

    @PostConstruct
    void open() {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(pins)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public AttemptResult send(CallbackRequest request) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        CallbackAddressVerdict verdict = guard.check(request.url().toString());
        if (verdict instanceof CallbackAddressVerdict.Refused) {
            return AttemptResult.failure(started, since(start), AttemptFailure.REFUSED_ADDRESS, verdict.message());
        }
        if (verdict instanceof CallbackAddressVerdict.Unresolved) {
            return AttemptResult.failure(started, since(start), AttemptFailure.UNRESOLVED_HOST, verdict.message());
        }
        if (verdict instanceof CallbackAddressVerdict.Invalid) {
            return new AttemptResult(started, since(start), null, verdict.message(), DeliveryOutcome.RETRY_CLIENT_ERROR, null, null);
        }
        // connect to the address just checked, not to whatever a second lookup of the name answers
        InetAddress checked = ((CallbackAddressVerdict.Accepted) verdict).addresses().get(0);
        pins.pin(request.url(), checked);
        // an answer from this server's own networks (allowed by allow-private-networks) keeps its status
        // and Retry-After, never its body: the attempt log must not become a way to read internal services
        boolean privateAddress = CallbackAddressGuard.classify(checked).isPresent();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(builder.build(), LimitedBody.handler(DeliveryAttempt.MAX_RESPONSE_BODY));
        try {
            HttpResponse<String> response = pending.get(settings.timeout().plus(BODY_GRACE).toMillis(), TimeUnit.MILLISECONDS);
            return AttemptResult.response(started, since(start), response.statusCode(), privateAddress ? null : response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return AttemptResult.failure(started, since(start), AttemptFailure.of(cause), describe(cause));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return AttemptResult.failure(started, since(start), AttemptFailure.TIMEOUT, "no complete response within "
                    + settings.timeout().plus(BODY_GRACE).toSeconds() + " s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return AttemptResult.failure(started, since(start), AttemptFailure.CONNECTION, "interrupted (the server is stopping)");
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The exception's kind and message: never the request, whose headers may hold credentials. */
    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
