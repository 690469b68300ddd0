package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.SandboxSettings;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** Unless {@code changewire.sandbox.enabled=true}, every sandbox path is a plain 404, so production does not expose it. */
@Provider
@PreMatching
@Priority(1)
public class SandboxGate implements ContainerRequestFilter {

    @Inject
    SandboxSettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!settings.enabled()) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
