package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.SandboxSettings;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The sandbox's {@code /admin} calls read every account's records, write them, change limits and
 * revoke tokens: they need {@code Sandbox-Admin-Secret: <changewire.sandbox.admin-secret>}. Without
 * that key configured they are closed (403).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class SandboxAdminGate implements ContainerRequestFilter {

    public static final String HEADER = "Sandbox-Admin-Secret";

    @Inject
    SandboxSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("admin") || path.startsWith("admin/") || path.startsWith("/admin"))) {
            return;
        }
        var secret = settings.adminSecret();
        if (secret.isEmpty()) {
            request.abortWith(ProviderErrors.array(403, "forbidden",
                    "The sandbox's admin calls are closed: set changewire.sandbox.admin-secret and send it in " + HEADER));
            return;
        }
        String given = request.getHeaderString(HEADER);
        // constant-time comparison: the time taken says nothing about how much of a guess was right
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), secret.get().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(ProviderErrors.array(401, "unauthorized", "The sandbox's admin calls need " + HEADER
                    + ": <changewire.sandbox.admin-secret>"));
        }
    }
}
