package dev.changewire.sandbox.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The Constant Contact V3 sandbox: an in-memory simulator of the parts of Constant Contact that
 * Changewire uses, mounted only with {@code changewire.sandbox.enabled=true} (otherwise every path
 * here is a 404). Its errors use Constant Contact's shapes, so it registers none of the platform's
 * providers.
 */
@ApplicationPath("sandbox/constantcontact")
public class SandboxApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SandboxGate.class, SandboxErrorMapper.class, OAuthResource.class);
    }
}
