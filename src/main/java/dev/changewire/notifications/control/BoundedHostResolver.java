package dev.changewire.notifications.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.CompletionException;

/**
 * Name resolution with a time limit ({@code changewire.callbacks.dns-timeout}): the JDK's lookup
 * has none of its own, and a configuration request or a sender must not hang on a slow resolver.
 * The lookup runs on the server's default managed executor; a host that does not answer in time
 * counts as unresolved.
 */
final class BoundedHostResolver implements CallbackAddressGuard.HostResolver {

    static final String TIMEOUT_KEY = "changewire.callbacks.dns-timeout";
    private static final Logger LOG = Logger.getLogger(BoundedHostResolver.class.getName());

    private final Duration timeout;
    private final Supplier<Executor> executor;

    BoundedHostResolver(Duration timeout) {
        this(timeout, BoundedHostResolver::managedExecutor);
    }

    BoundedHostResolver(Duration timeout, Supplier<Executor> executor) {
        this.timeout = timeout;
        this.executor = executor;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Executor pool = executor.get();
        if (pool == null) {
            return InetAddress.getAllByName(host);
        }
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, pool);
        try {
            return lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(host + " (no answer within " + timeout.toMillis() + " ms)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host + " (" + e.getCause() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + " (interrupted)");
        }
    }

    // the name is the container's fixed default executor, never client input: nothing user-controlled is looked up
    @SuppressWarnings("BanJNDI")
    private static Executor managedExecutor() {
        try {
            return (Executor) new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "No managed executor: resolving on the caller's thread", e);
            return null;
        }
    }
}
