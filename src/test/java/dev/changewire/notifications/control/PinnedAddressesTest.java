package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PinnedAddressesTest {

    @Test
    void plainHttpConnectsToTheCheckedAddressWhateverTheNameResolvesToLater() throws Exception {
        PinnedAddresses pins = new PinnedAddresses();
        pins.pin(URI.create("http://Rebind.Example.com:8081/hook"), InetAddress.getByName("203.0.113.7"));
        Proxy proxy = pins.select(URI.create("http://rebind.example.com:8081/other")).get(0);
        assertEquals(Proxy.Type.HTTP, proxy.type());
        InetSocketAddress target = (InetSocketAddress) proxy.address();
        assertEquals("203.0.113.7", target.getAddress().getHostAddress());
        assertEquals(8081, target.getPort());
        assertEquals(false, target.isUnresolved(), "no name left to resolve");
        // the default port counts as the port
        pins.pin(URI.create("http://plain.example.com/hook"), InetAddress.getByName("203.0.113.8"));
        assertEquals(80, ((InetSocketAddress) pins.select(URI.create("http://plain.example.com:80/x")).get(0).address()).getPort());
    }

    @Test
    void anUnpinnedHostGoesNowhereRatherThanToASecondLookup() {
        Proxy proxy = new PinnedAddresses().select(URI.create("http://never-checked.example.com/")).get(0);
        assertEquals("192.0.2.0", ((InetSocketAddress) proxy.address()).getAddress().getHostAddress());
    }

    @Test
    void httpsIsSentDirectlyForTlsToCheckTheName() {
        assertEquals(Proxy.NO_PROXY, new PinnedAddresses().select(URI.create("https://receiver.example.com/")).get(0));
    }
}
