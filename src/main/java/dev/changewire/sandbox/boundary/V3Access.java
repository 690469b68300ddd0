package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.AccountBehaviour;
import dev.changewire.sandbox.control.ClientTraffic;
import dev.changewire.sandbox.control.OAuthServer;
import dev.changewire.sandbox.control.SandboxAccounts;
import dev.changewire.sandbox.control.TrafficCounter;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;

/**
 * V3 requests need a valid bearer token (else 401), then pass the token's client's rate limits
 * (else 429 {@code throttled} or {@code quota_exceeded}). Requests that fail authentication are
 * not counted: without a valid token there is no client to count them for. A served request waits the
 * account's {@code latency} behaviour first, as a slow provider would.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class V3Access implements ContainerRequestFilter {

    @Inject
    OAuthServer oauth;

    @Inject
    ClientTraffic traffic;

    @Inject
    SandboxCaller caller;

    @Inject
    SandboxAccounts accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath(false).replaceFirst("^/", "").startsWith("v3/")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            request.abortWith(ProviderErrors.array(401, "unauthorized", "Send Authorization: Bearer <access_token>"));
            return;
        }
        var grant = oauth.accessGrant(header.substring(7).trim());
        if (grant.isEmpty()) {
            request.abortWith(ProviderErrors.array(401, "unauthorized", "Unauthorized: the access token is invalid or has expired"));
            return;
        }
        TrafficCounter.Verdict verdict = traffic.admit(grant.get().clientId());
        switch (verdict) {
            case THROTTLED -> request.abortWith(ProviderErrors.array(429, "throttled",
                    "Too many requests: the limit is " + traffic.limits(grant.get().clientId()).requestsPerSecond() + " per second"));
            case QUOTA_EXCEEDED -> request.abortWith(ProviderErrors.array(429, "quota_exceeded",
                    "The daily quota of " + traffic.limits(grant.get().clientId()).requestsPerDay() + " requests is used up; it resets at "
                            + traffic.quotaResets()));
            case SERVED -> {
                caller.grant(grant.get());
                AccountBehaviour behaviour = accounts.account(grant.get().account()).behaviour();
                slowDown(behaviour.latency());
                var query = request.getUriInfo().getQueryParameters(false);
                if (behaviour.nextPagesFail() && (query.containsKey("cursor") || query.containsKey("next"))) {
                    request.abortWith(ProviderErrors.array(503, "service_unavailable", "The service is unavailable; try again later"));
                }
            }
        }
    }

    private static void slowDown(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
