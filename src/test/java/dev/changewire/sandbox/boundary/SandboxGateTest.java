package dev.changewire.sandbox.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.changewire.sandbox.control.SandboxSettings;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SandboxGateTest {

    @Test
    void everyPathIsAbortedWhenTheSandboxIsDisabled() {
        assertEquals(1, aborts(false));
    }

    @Test
    void requestsPassWhenEnabled() {
        assertEquals(0, aborts(true));
    }

    /** How many times the gate aborted the request (with its 404, which needs a JAX-RS runtime to build). */
    static int aborts(boolean enabled) {
        SandboxGate gate = new SandboxGate();
        gate.settings = new SandboxSettings() {
            @Override
            public boolean enabled() {
                return enabled;
            }
        };
        AtomicInteger aborted = new AtomicInteger();
        gate.notFound = () -> null;
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(SandboxGateTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("abortWith")) {
                        aborted.incrementAndGet();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        gate.filter(request);
        return aborted.get();
    }
}
