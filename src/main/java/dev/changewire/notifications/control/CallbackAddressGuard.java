package dev.changewire.notifications.control;

import dev.changewire.notifications.entity.AddressClass;
import dev.changewire.notifications.entity.CallbackAddressVerdict;
import dev.changewire.notifications.entity.CallbackAddressVerdict.Accepted;
import dev.changewire.notifications.entity.CallbackAddressVerdict.Invalid;
import dev.changewire.notifications.entity.CallbackAddressVerdict.Refused;
import dev.changewire.notifications.entity.CallbackAddressVerdict.Unresolved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Duration;

/**
 * Keeps callbacks away from this server's own network (SSRF): a callback URL whose host resolves to
 * ANY loopback, private, link-local, multicast, unspecified, documentation, reserved or cloud
 * metadata address is refused, unless {@code changewire.callbacks.allow-private-networks=true}.
 * Metadata addresses are refused even then: no receiver lives there, and credentials do.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, translated, NAT64, 6to4, Teredo) are
 * judged by that IPv4 address.
 * <p>
 * Checked when the URL is configured and again before each send, since DNS answers change.
 */
@ApplicationScoped
public class CallbackAddressGuard {

    public static final String ALLOW_PRIVATE_NETWORKS = "changewire.callbacks.allow-private-networks";

    /** Name resolution, replaceable so tests need no DNS. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** fd20:ce::254, Google Cloud's IPv6 metadata service. */
    private static final byte[] GCP_METADATA_IPV6 = {
            (byte) 0xfd, 0x20, 0, (byte) 0xce, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
    /** fe80::a9fe:a9fe, OpenStack's IPv6 metadata service. */
    private static final byte[] OPENSTACK_METADATA_IPV6 = {
            (byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xa9, (byte) 0xfe, (byte) 0xa9, (byte) 0xfe};

    private final HostResolver resolver;
    private final boolean allowPrivateNetworks;

    /** For CDI's client proxy only. */
    protected CallbackAddressGuard() {
        this(InetAddress::getAllByName, false);
    }

    @Inject
    public CallbackAddressGuard(@ConfigProperty(name = ALLOW_PRIVATE_NETWORKS, defaultValue = "false") boolean allowPrivateNetworks,
            @ConfigProperty(name = BoundedHostResolver.TIMEOUT_KEY, defaultValue = "PT3S") Duration dnsTimeout) {
        this(new BoundedHostResolver(dnsTimeout), allowPrivateNetworks);
    }

    public CallbackAddressGuard(HostResolver resolver, boolean allowPrivateNetworks) {
        this.resolver = resolver;
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /** Checks the URL's form, resolves its host and judges every address it resolves to. */
    public CallbackAddressVerdict check(String url) {
        Object parsed = parse(url);
        if (parsed instanceof Invalid invalid) {
            return invalid;
        }
        String host = ((URI) parsed).getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return new Unresolved(host);
        }
        if (addresses == null || addresses.length == 0) {
            return new Unresolved(host);
        }
        for (InetAddress address : addresses) {
            Optional<AddressClass> refused = refusal(address);
            if (refused.isPresent()) {
                return new Refused(host, address, refused.get(), refused.get() != AddressClass.CLOUD_METADATA);
            }
        }
        return new Accepted(host, Arrays.asList(addresses));
    }

    /**
     * The URL if it is an absolute http(s) URL with a host and without credentials.
     *
     * @throws IllegalArgumentException naming the field and what is wrong
     */
    public static URI requireCallbackUrl(String url) {
        Object parsed = parse(url);
        if (parsed instanceof Invalid invalid) {
            throw new IllegalArgumentException(invalid.message());
        }
        return (URI) parsed;
    }

    /** A URI, or the Invalid verdict saying why not. */
    private static Object parse(String url) {
        if (url == null || url.isBlank()) {
            return new Invalid("is required");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            // the reason, not the input: a URL may carry credentials
            return new Invalid("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            return new Invalid("must be an absolute http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            return new Invalid("must not contain credentials: use event.notification.basic.username and .password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new Invalid("must name a host (letters, digits, '-' and '.', or an IP address)");
        }
        return uri;
    }

    /** The class for which this guard refuses the address, given its configuration; empty if allowed. */
    public Optional<AddressClass> refusal(InetAddress address) {
        Optional<AddressClass> addressClass = classify(address);
        if (allowPrivateNetworks && addressClass.filter(c -> c != AddressClass.CLOUD_METADATA).isPresent()) {
            return Optional.empty();
        }
        return addressClass;
    }

    /** The refused class the address falls in, or empty for an ordinary public address. */
    public static Optional<AddressClass> classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? ipv4(bytes, 0) : ipv6(bytes);
    }

    private static Optional<AddressClass> ipv4(byte[] bytes, int offset) {
        int a = bytes[offset] & 0xff;
        int b = bytes[offset + 1] & 0xff;
        int c = bytes[offset + 2] & 0xff;
        int d = bytes[offset + 3] & 0xff;
        if ((a == 169 && b == 254 && c == 169 && d == 254) // AWS, GCP, Azure, OCI, DigitalOcean...
                || (a == 169 && b == 254 && c == 170 && (d == 2 || d == 23)) // AWS ECS task, EKS pod identity
                || (a == 169 && b == 254 && c == 42 && d == 42) // Scaleway
                || (a == 168 && b == 63 && c == 129 && d == 16) // Azure WireServer
                || (a == 100 && b == 100 && c == 100 && d == 200) // Alibaba Cloud
                || (a == 192 && b == 0 && c == 0 && d == 192)) { // Oracle Cloud (legacy)
            return Optional.of(AddressClass.CLOUD_METADATA);
        }
        if (a == 0) {
            return Optional.of(AddressClass.UNSPECIFIED);
        }
        if (a == 127) {
            return Optional.of(AddressClass.LOOPBACK);
        }
        if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168) || (a == 100 && (b & 0xc0) == 64)) {
            return Optional.of(AddressClass.PRIVATE);
        }
        if (a == 169 && b == 254) {
            return Optional.of(AddressClass.LINK_LOCAL);
        }
        if ((a & 0xf0) == 224) {
            return Optional.of(AddressClass.MULTICAST);
        }
        if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return Optional.of(AddressClass.DOCUMENTATION);
        }
        if ((a & 0xf0) == 240 || (a == 198 && (b & 0xfe) == 18) || (a == 192 && b == 0 && c == 0)) {
            return Optional.of(AddressClass.RESERVED);
        }
        return Optional.empty();
    }

    private static Optional<AddressClass> ipv6(byte[] b) {
        if (((b[0] & 0xff) == 0xfd && b[1] == 0 && b[2] == 0x0e && (b[3] & 0xff) == 0xc2) // fd00:ec2::/32, AWS (metadata, DNS, NTP)
                || Arrays.equals(b, GCP_METADATA_IPV6) || Arrays.equals(b, OPENSTACK_METADATA_IPV6)) {
            return Optional.of(AddressClass.CLOUD_METADATA);
        }
        if (zero(b, 0, 10)) {
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return ipv4(b, 12); // ::ffff:a.b.c.d, IPv4-mapped
            }
            if (b[10] == 0 && b[11] == 0) {
                if (zero(b, 12, 15) && (b[15] == 0 || b[15] == 1)) {
                    return Optional.of(b[15] == 0 ? AddressClass.UNSPECIFIED : AddressClass.LOOPBACK);
                }
                // ::a.b.c.d, IPv4-compatible (deprecated, never routed)
                return Optional.of(ipv4(b, 12).orElse(AddressClass.RESERVED));
            }
        }
        if (zero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) {
            return ipv4(b, 12); // ::ffff:0:a.b.c.d, IPv4-translated (SIIT)
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            if (zero(b, 4, 12)) {
                return ipv4(b, 12); // 64:ff9b::/96, well-known NAT64
            }
            if (b[4] == 0 && b[5] == 1) {
                return Optional.of(AddressClass.PRIVATE); // 64:ff9b:1::/48, local-use NAT64
            }
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return ipv4(b, 2); // 2002:aabb:ccdd::/48, 6to4
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            // Teredo 2001::/32: the client's IPv4 address sits in the last 4 bytes, inverted
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            return ipv4(client, 0);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Optional.of(AddressClass.LINK_LOCAL);
        }
        if ((first == 0xfe && (second & 0xc0) == 0xc0) || (first & 0xfe) == 0xfc) {
            return Optional.of(AddressClass.PRIVATE); // site-local fec0::/10, unique-local fc00::/7
        }
        if (first == 0xff) {
            return Optional.of(AddressClass.MULTICAST);
        }
        if ((first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)
                || (first == 0x3f && second == 0xff && (b[2] & 0xf0) == 0)) {
            return Optional.of(AddressClass.DOCUMENTATION); // 2001:db8::/32, 3fff::/20
        }
        if (first == 0x01 && second == 0 && zero(b, 2, 8)) {
            return Optional.of(AddressClass.RESERVED); // 100::/64, discard-only
        }
        return Optional.empty();
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
