package dev.changewire.platform.boundary;

import java.util.Set;

/** The providers every JAX-RS application of the WAR registers: request ids and the error body mappers. */
public final class CommonProviders {

    private CommonProviders() {
    }

    public static Set<Class<?>> classes() {
        return Set.of(RequestId.class, ApiExceptionMapper.class, WebApplicationExceptionMapper.class,
                UnexpectedExceptionMapper.class);
    }
}
