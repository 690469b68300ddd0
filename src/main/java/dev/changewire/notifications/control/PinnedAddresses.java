package dev.changewire.notifications.control;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a plain-http callback connect to the address the SSRF guard checked, with no second DNS
 * resolution that a rebinding name could answer differently: the HTTP client is told that address is
 * its proxy, so it connects there and sends the request in absolute form ({@code POST http://host/path},
 * which every HTTP/1.1 server accepts), with the URL's own {@code Host}. Java 17's HTTP client offers no
 * other way to choose the address it connects to.
 * <p>
 * https is sent directly: the client resolves the name again, but TLS then checks the certificate
 * against the name, so a rebound address can only fail the handshake, never be read.
 */
final class PinnedAddresses extends ProxySelector {

    /** Entries kept at most; every one was checked, so dropping them all only costs nothing but a rare failed attempt. */
    static final int MAX_PINS = 100_000;
    /** Where a request goes whose pin is missing: a documentation address (RFC 5737) that answers nobody. */
    private static final InetSocketAddress NOWHERE;

    static {
        try {
            NOWHERE = new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 0}), 9);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Map<String, InetSocketAddress> pins = new ConcurrentHashMap<>();

    /**
     * Pins the URL's host and port to the checked address. Concurrent attempts to the same host may
     * overwrite each other's pin: every pinned address was checked, so either is safe.
     */
    void pin(URI url, InetAddress checked) {
        if (pins.size() >= MAX_PINS) {
            pins.clear();
        }
        pins.put(key(url), new InetSocketAddress(checked, port(url)));
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return List.of(Proxy.NO_PROXY);
        }
        InetSocketAddress pinned = pins.get(key(uri));
        return List.of(new Proxy(Proxy.Type.HTTP, pinned == null ? NOWHERE : pinned));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // the attempt fails and is retried by the delivery schedule, checked again
    }

    private static String key(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
