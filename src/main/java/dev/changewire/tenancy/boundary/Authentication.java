package dev.changewire.tenancy.boundary;

import dev.changewire.platform.boundary.ErrorBody;
import dev.changewire.platform.boundary.RequestId;
import dev.changewire.platform.control.FailedAuthentications;
import dev.changewire.tenancy.control.Authenticator;
import dev.changewire.tenancy.control.AuthorizationHeader;
import dev.changewire.tenancy.control.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import jakarta.ws.rs.ext.Provider;

/**
 * Every platform call carries {@code Authorization: User <secret>, Organization <secret>}; without valid
 * ones it is a 401. An address that failed too often is answered 429 with {@code Retry-After} before its
 * secrets are looked at (see {@link FailedAuthentications}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    static final String EXPECTED = "Authorization header must be 'User <user secret>, Organization <organization secret>'"
            + " (hub calls add ', Element <instance token>')";

    @Inject
    Authenticator authenticator;

    @Inject
    Caller caller;

    @Inject
    FailedAuthentications failures;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String requestId = RequestId.of(request);
        String address = failures.clientAddress(servletRequest.getRemoteAddr(), request::getHeaderString);
        var wait = failures.blocked(address, Instant.now());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            request.abortWith(Response.fromResponse(ErrorBody.response(429, "Too many failed authentications from this address; try again in "
                    + seconds + " s", requestId, null)).header(HttpHeaders.RETRY_AFTER, seconds).build());
            return;
        }
        var header = AuthorizationHeader.parse(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (header.isEmpty()) {
            // no secrets, no guess: only presented secrets that fail count towards the throttle (a console page
            // opened before sign-in, or a client without credentials, must not lock its address out)
            request.abortWith(ErrorBody.response(401, EXPECTED, requestId, null));
            return;
        }
        var principal = authenticator.authenticate(header.get());
        if (principal.isEmpty()) {
            failures.failed(address, Instant.now());
            request.abortWith(ErrorBody.response(401, "Invalid user or organization secret", requestId, null));
            return;
        }
        var p = principal.get();
        caller.authenticate(p.userId(), p.organizationId(), p.role(), p.bootstrapOrganization(), header.get().elementToken());
    }
}
