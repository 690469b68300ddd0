package dev.changewire.sandbox.boundary;

import dev.changewire.sandbox.control.Churn;
import dev.changewire.sandbox.control.SandboxAccounts;
import dev.changewire.sandbox.control.SandboxSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** With {@code changewire.sandbox.churn-interval} set (and the sandbox enabled), changes every account at that pace. */
@ApplicationScoped
public class ChurnScheduler {

    private static final Logger LOG = Logger.getLogger(ChurnScheduler.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    SandboxSettings settings;

    @Inject
    SandboxAccounts accounts;

    @Inject
    Churn churn;

    private ScheduledFuture<?> future;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!settings.enabled() || settings.churnInterval().isEmpty()) {
            return;
        }
        Duration interval = settings.churnInterval().get();
        long millis = Math.max(100, interval.toMillis());
        future = executor.scheduleAtFixedRate(this::churnAll, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Sandbox churn: a random change in every account each " + interval);
    }

    void churnAll() {
        try {
            accounts.all().forEach(churn::round);
        } catch (RuntimeException e) {
            // a failed round must not end the schedule
            LOG.log(Level.WARNING, "Sandbox churn round failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (future != null) {
            future.cancel(false);
        }
    }
}
