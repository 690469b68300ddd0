package dev.changewire.platform.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;

/** Gives every request an id, echoed in {@code Elements-Request-Id} and in error bodies, so a log line can be found from a client's report. */
@Provider
@PreMatching
public class RequestId implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String PROPERTY = "changewire.requestId";
    public static final String HEADER = "Elements-Request-Id";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, UUID.randomUUID().toString());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? null : id.toString();
    }
}
