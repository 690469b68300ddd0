package dev.changewire.elements.constantcontact.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.hubs.entity.ProviderUnavailable;
import dev.changewire.hubs.entity.ProviderUnavailable.Kind;
import dev.changewire.instances.control.Instances;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;

/**
 * Sends one read to Constant Contact V3 for an instance, with everything a call needs around it: a
 * fresh access token (refreshed before expiry, and once more after a 401), a slot of the API key's
 * limits ({@link ApiKeyLimiter}), connect and read timeouts, and bounded retries: {@code throttled}
 * and 5xx/timeouts wait with jittered exponential backoff, at most
 * {@code changewire.constantcontact.max-attempts} sends. {@code quota_exceeded} pauses the API key
 * until 00:00 UTC for every instance and node. Failures end in {@link ProviderUnavailable}.
 * Holds no request-scoped state: the poller calls it from timer threads.
 */
@ApplicationScoped
public class ConstantContactClient {

    private static final Logger LOG = Logger.getLogger(ConstantContactClient.class.getName());
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_ATTEMPTS = 4;

    @Inject
    ConstantContactEndpoints endpoints;

    @Inject
    AccessTokens tokens;

    @Inject
    ApiKeyLimiter limiter;

    @Inject
    QuotaPauses pauses;

    @Inject
    Config config;

    private volatile ConstantContactApi api;

    /** Sends next-page links as given (a REST Client interface cannot carry a provider's opaque parameters). */
    private volatile Client pages;

    /** The response body of a successful read. */
    public JsonObject get(Instances.Connection connection, ProviderRequest request) {
        if (!connection.valid()) {
            throw new ProviderUnavailable(Kind.INVALID_CREDENTIALS, "Element instance " + connection.id() + " is invalid: "
                    + connection.validationReason(), 0, connection.validationReason(), null);
        }
        String accessToken = accessToken(connection);
        int maxAttempts = config.getOptionalValue("changewire.constantcontact.max-attempts", Integer.class).orElse(DEFAULT_MAX_ATTEMPTS);
        boolean refreshedAfter401 = false;
        ProviderAnswer last = null;
        String lastFailure = null;
        int sends = 0;
        int retries = 0;
        // every iteration sends once; a 401 adds one send, so the loop ends after maxAttempts + 1 sends at most
        while (sends < maxAttempts + 1) {
            admit(connection);
            sends++;
            int status;
            String body;
            try (Response response = request.isNextPage() ? sendNextPage(request, "Bearer " + accessToken)
                    : request.send(api(), "Bearer " + accessToken)) {
                status = response.getStatus();
                body = response.hasEntity() ? response.readEntity(String.class) : "";
            } catch (ProcessingException e) {
                lastFailure = "Constant Contact did not answer " + request.describe() + ": " + rootMessage(e);
                LOG.warning(lastFailure);
                last = null;
                if (++retries >= maxAttempts) {
                    break;
                }
                sleep(Backoff.DEFAULT.before(retries, ThreadLocalRandom.current()));
                continue;
            }
            ProviderAnswer answer = ProviderAnswer.of(status, body);
            switch (answer.kind()) {
                case OK:
                    return parse(body, request);
                case UNAUTHORIZED:
                    if (refreshedAfter401) {
                        throw new ProviderUnavailable(Kind.PROVIDER_REJECTED, "Constant Contact refused the instance's freshly refreshed access token",
                                status, answer.providerMessage(), null);
                    }
                    refreshedAfter401 = true;
                    accessToken = refresh(connection, accessToken);
                    continue;
                case QUOTA_EXCEEDED:
                    Instant until = limiter.settings().dayEnds(Instant.now());
                    pauses.pause(new ClientCredentials(connection.apiKey(), connection.apiSecret()), until, "Constant Contact: " + answer.providerMessage());
                    throw new ProviderUnavailable(Kind.QUOTA_PAUSED, "The daily Constant Contact quota of this API key is used up; "
                            + "requests resume at " + until, status, answer.providerMessage(), until);
                case THROTTLED:
                case SERVER_ERROR:
                    last = answer;
                    lastFailure = null;
                    if (++retries >= maxAttempts) {
                        break;
                    }
                    sleep(Backoff.DEFAULT.before(retries, ThreadLocalRandom.current()));
                    continue;
                default:
                    throw new ProviderUnavailable(Kind.PROVIDER_REJECTED, "Constant Contact refused " + request.describe() + " (" + status + ")",
                            status, answer.providerMessage(), null);
            }
            break;
        }
        if (last != null && last.kind() == ProviderAnswer.Kind.THROTTLED) {
            throw new ProviderUnavailable(Kind.RATE_LIMITED, "Constant Contact kept throttling after " + retries + " attempts",
                    last.status(), last.providerMessage(), Instant.now().plusSeconds(1));
        }
        throw new ProviderUnavailable(Kind.PROVIDER_ERROR, "Constant Contact failed " + retries + " times",
                last == null ? 0 : last.status(), last == null ? lastFailure : last.providerMessage(), null);
    }

    private void admit(Instances.Connection connection) {
        Admission admission = limiter.admit(new ClientCredentials(connection.apiKey(), connection.apiSecret()));
        switch (admission.verdict()) {
            case ADMITTED -> {
            }
            case QUOTA_PAUSED -> throw new ProviderUnavailable(Kind.QUOTA_PAUSED, "The daily Constant Contact quota of this API key is used up; "
                    + "requests resume at " + admission.until(), 0, null, admission.until());
            case NO_SLOT -> throw new ProviderUnavailable(Kind.RATE_LIMITED, "No Constant Contact request slot of this API key was free within "
                    + limiter.settings().maxWait(), 0, null, admission.until());
        }
    }

    private String accessToken(Instances.Connection connection) {
        AccessTokens.Current current = tokens.current(connection.id());
        if (!current.exists()) {
            throw new ProviderUnavailable(Kind.INVALID_CREDENTIALS, "Element instance " + connection.id() + " has no Constant Contact tokens",
                    0, null, null);
        }
        if (current.usable(Instant.now())) {
            return current.accessToken();
        }
        return refresh(connection, current.accessToken());
    }

    private String refresh(Instances.Connection connection, String stale) {
        AccessTokens.Refreshed refreshed;
        try {
            refreshed = tokens.refresh(connection.id(), connection.apiKey(), connection.apiSecret(), stale);
        } catch (RuntimeException e) {
            // e.g. a lock timeout while another node refreshes: its token may be there now
            LOG.warning(() -> "Refreshing the token of instance " + connection.id() + " failed: " + rootMessage(e));
            AccessTokens.Current current = tokens.current(connection.id());
            if (current.accessToken() != null && !current.accessToken().equals(stale) && current.usable(Instant.now())) {
                return current.accessToken();
            }
            throw new ProviderUnavailable(Kind.PROVIDER_ERROR, "Refreshing the Constant Contact access token failed", 0, rootMessage(e), null);
        }
        return switch (refreshed.result()) {
            case FRESH -> refreshed.accessToken();
            case INVALID -> throw new ProviderUnavailable(Kind.INVALID_CREDENTIALS, "Constant Contact refused the refresh token of element instance "
                    + connection.id() + "; re-provision it", refreshed.providerStatus(), refreshed.providerMessage(), null);
            case GONE -> throw new ProviderUnavailable(Kind.INVALID_CREDENTIALS, "Element instance " + connection.id() + " no longer exists",
                    0, null, null);
            case FAILED -> throw new ProviderUnavailable(Kind.PROVIDER_ERROR, "Refreshing the Constant Contact access token failed",
                    refreshed.providerStatus(), refreshed.providerMessage(), null);
        };
    }

    private static JsonObject parse(String body, ProviderRequest request) {
        try (var reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException e) {
            // reported below
        }
        throw new ProviderUnavailable(Kind.PROVIDER_ERROR, "Constant Contact answered " + request.describe() + " with something other than a JSON object",
                200, null, null);
    }

    private ConstantContactApi api() {
        ConstantContactApi client = api;
        if (client == null) {
            synchronized (this) {
                if (api == null) {
                    long connect = config.getOptionalValue("changewire.constantcontact.connect-timeout", Duration.class)
                            .orElse(CONNECT_TIMEOUT).toMillis();
                    long read = config.getOptionalValue("changewire.constantcontact.read-timeout", Duration.class)
                            .orElse(READ_TIMEOUT).toMillis();
                    api = RestClientBuilder.newBuilder()
                            .baseUri(URI.create(endpoints.apiUrl()))
                            .connectTimeout(connect, TimeUnit.MILLISECONDS)
                            .readTimeout(read, TimeUnit.MILLISECONDS)
                            // 401, 429 and 5xx are answers to interpret, not exceptions
                            .property("microprofile.rest.client.disable.default.mapper", true)
                            .build(ConstantContactApi.class);
                }
                client = api;
            }
        }
        return client;
    }

    private Response sendNextPage(ProviderRequest request, String bearer) {
        Client client = pages;
        if (client == null) {
            synchronized (this) {
                if (pages == null) {
                    pages = ClientBuilder.newBuilder()
                            .connectTimeout(timeout("changewire.constantcontact.connect-timeout", CONNECT_TIMEOUT), TimeUnit.MILLISECONDS)
                            .readTimeout(timeout("changewire.constantcontact.read-timeout", READ_TIMEOUT), TimeUnit.MILLISECONDS)
                            .build();
                }
                client = pages;
            }
        }
        // target(URI) takes the link as it is: no template expansion, no re-encoding of its parameters
        return client.target(request.next()).request(MediaType.APPLICATION_JSON)
                .header("Authorization", bearer).get();
    }

    private long timeout(String key, Duration fallback) {
        return config.getOptionalValue(key, Duration.class).orElse(fallback).toMillis();
    }

    @PreDestroy
    void close() {
        Client pageClient = pages;
        if (pageClient != null) {
            pageClient.close();
        }
        ConstantContactApi client = api;
        if (client != null) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.fine(() -> "Closing the Constant Contact client: " + e);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable(Kind.PROVIDER_ERROR, "Interrupted while waiting to retry", 0, null, null);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 20 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
