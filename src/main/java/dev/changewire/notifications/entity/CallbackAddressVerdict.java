package dev.changewire.notifications.entity;

import dev.changewire.instances.control.ConfigurationKeys;
import java.net.InetAddress;
import java.util.List;

/** What the SSRF guard says about a callback URL. */
public sealed interface CallbackAddressVerdict {

    String FIELD = ConfigurationKeys.EVENTS_CALLBACK;

    /** Whether a callback may be sent (or configured) now. */
    default boolean accepted() {
        return this instanceof Accepted;
    }

    /** Why not, for the operator; names the field, never a credential. */
    String message();

    /** Every address the host resolved to is fine. */
    record Accepted(String host, List<InetAddress> addresses) implements CallbackAddressVerdict {
        public Accepted {
            addresses = List.copyOf(addresses);
        }

        @Override
        public String message() {
            return FIELD + " host '" + host + "' is acceptable";
        }
    }

    /** The host resolved to (at least) this refused address. */
    record Refused(String host, InetAddress address, AddressClass addressClass, boolean allowable)
            implements CallbackAddressVerdict {
        @Override
        public String message() {
            return FIELD + " host '" + host + "' resolves to " + address.getHostAddress() + ", "
                    + addressClass.description() + (allowable
                    ? "; callbacks to such addresses are refused unless changewire.callbacks.allow-private-networks=true"
                    : ", which callbacks may never reach");
        }
    }

    /**
     * The host does not resolve (yet): acceptable when the callback is configured (DNS may follow),
     * a retryable failure when sending.
     */
    record Unresolved(String host) implements CallbackAddressVerdict {
        @Override
        public String message() {
            return FIELD + " host '" + host + "' does not resolve";
        }
    }

    /** Not an absolute http(s) URL with a host. */
    record Invalid(String reason) implements CallbackAddressVerdict {
        @Override
        public String message() {
            return FIELD + " " + reason;
        }
    }
}
