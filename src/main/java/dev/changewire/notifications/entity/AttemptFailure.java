package dev.changewire.notifications.entity;

import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** Why an attempt got no HTTP response at all. */
public enum AttemptFailure {
    /** Connect or whole-request timeout. */
    TIMEOUT,
    /** Refused, reset, TLS failure, or any other I/O error before a response. */
    CONNECTION,
    /** The callback host does not resolve (yet). */
    UNRESOLVED_HOST,
    /** The host resolved to an address the SSRF guard refuses. */
    REFUSED_ADDRESS;

    /** The kind of an exception thrown by the HTTP client while sending. */
    public static AttemptFailure of(Throwable failure) {
        // the JDK client wraps causes, e.g. a ConnectException around an UnresolvedAddressException;
        // the depth bound guards against cause cycles
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException) {
                return TIMEOUT;
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return UNRESOLVED_HOST;
            }
        }
        return CONNECTION;
    }
}
