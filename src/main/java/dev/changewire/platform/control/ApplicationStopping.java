package dev.changewire.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;

/**
 * Whether this deployment of the application has begun to stop. Work that cannot be undone once
 * started, such as a token exchange that spends the provider's refresh token, is not begun after that:
 * the rest of the deployment (its data source first) may be gone before the work's result is stored.
 * Payara Micro restarted on a reused root runs the copy of the application it kept and undeploys it
 * moments later; this is how that copy declines to start such work.
 */
@ApplicationScoped
public class ApplicationStopping {

    private volatile boolean stopping;

    /** Called by the first component to learn of the stop (an EJB's pre-destroy may run before CDI's event). */
    public void begin() {
        stopping = true;
    }

    void beforeDestroyed(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
