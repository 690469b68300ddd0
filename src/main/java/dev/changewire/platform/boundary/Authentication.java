package dev.changewire.platform.boundary;

import dev.changewire.tenancy.control.Authenticator;
import dev.changewire.tenancy.control.AuthorizationHeader;
import dev.changewire.tenancy.control.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Every platform call carries {@code Authorization: User <secret>, Organization <secret>}; without valid ones it is a 401. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    static final String EXPECTED = "Authorization header must be 'User <user secret>, Organization <organization secret>'"
            + " (hub calls add ', Element <instance token>')";

    @Inject
    Authenticator authenticator;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String requestId = RequestId.of(request);
        var header = AuthorizationHeader.parse(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (header.isEmpty()) {
            request.abortWith(ErrorBody.response(401, EXPECTED, requestId, null));
            return;
        }
        var principal = authenticator.authenticate(header.get());
        if (principal.isEmpty()) {
            request.abortWith(ErrorBody.response(401, "Invalid user or organization secret", requestId, null));
            return;
        }
        var p = principal.get();
        caller.authenticate(p.userId(), p.organizationId(), p.role(), p.bootstrapOrganization(), header.get().elementToken());
    }
}
