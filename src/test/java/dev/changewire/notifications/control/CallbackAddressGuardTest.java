package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.notifications.entity.AddressClass;
import dev.changewire.notifications.entity.CallbackAddressVerdict;
import dev.changewire.notifications.entity.CallbackAddressVerdict.Accepted;
import dev.changewire.notifications.entity.CallbackAddressVerdict.Invalid;
import dev.changewire.notifications.entity.CallbackAddressVerdict.Refused;
import dev.changewire.notifications.entity.CallbackAddressVerdict.Unresolved;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackAddressGuardTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // IPv4
            "127.0.0.1,        LOOPBACK",
            "127.255.255.254,  LOOPBACK",
            "10.0.0.1,         PRIVATE",
            "10.255.255.255,   PRIVATE",
            "172.16.0.1,       PRIVATE",
            "172.31.255.255,   PRIVATE",
            "172.15.255.255,   PUBLIC",
            "172.32.0.0,       PUBLIC",
            "192.168.1.1,      PRIVATE",
            "192.169.0.1,      PUBLIC",
            "100.64.0.1,       PRIVATE",
            "100.127.255.255,  PRIVATE",
            "100.63.255.255,   PUBLIC",
            "100.128.0.0,      PUBLIC",
            "169.254.0.1,      LINK_LOCAL",
            "169.254.169.254,  CLOUD_METADATA",
            "169.254.170.2,    CLOUD_METADATA",
            "169.254.42.42,    CLOUD_METADATA",
            "168.63.129.16,    CLOUD_METADATA",
            "100.100.100.200,  CLOUD_METADATA",
            "192.0.0.192,      CLOUD_METADATA",
            "224.0.0.1,        MULTICAST",
            "239.255.255.250,  MULTICAST",
            "0.0.0.0,          UNSPECIFIED",
            "0.1.2.3,          UNSPECIFIED",
            "192.0.2.10,       DOCUMENTATION",
            "198.51.100.7,     DOCUMENTATION",
            "203.0.113.200,    DOCUMENTATION",
            "255.255.255.255,  RESERVED",
            "240.0.0.1,        RESERVED",
            "198.18.0.1,       RESERVED",
            "192.0.0.170,      RESERVED",
            "8.8.8.8,          PUBLIC",
            "1.1.1.1,          PUBLIC",
            "93.184.215.14,    PUBLIC",
            "223.255.255.255,  PUBLIC",
            // IPv6
            "::1,                       LOOPBACK",
            "::,                        UNSPECIFIED",
            "fe80::1,                   LINK_LOCAL",
            "febf::1,                   LINK_LOCAL",
            "fc00::1,                   PRIVATE",
            "fd12:3456:789a::1,         PRIVATE",
            "fec0::1,                   PRIVATE",
            "fd00:ec2::254,             CLOUD_METADATA",
            "fd00:ec2::23,              CLOUD_METADATA",
            "fd00:ec2:ffff::1,          CLOUD_METADATA",
            "fd00:ec3::1,               PRIVATE",
            "fd20:ce::254,              CLOUD_METADATA",
            "fd20:ce::253,              PRIVATE",
            "fe80::a9fe:a9fe,           CLOUD_METADATA",
            "ff02::1,                   MULTICAST",
            "ff0e::101,                 MULTICAST",
            "2001:db8::1,               DOCUMENTATION",
            "3fff::1,                   DOCUMENTATION",
            "100::1,                    RESERVED",
            "2606:4700:4700::1111,      PUBLIC",
            "2a00:1450:4001:80b::200e,  PUBLIC",
            "fbff::1,                   PUBLIC",
            // IPv4-mapped (kept as Inet6Address, see address())
            "::ffff:127.0.0.1,          LOOPBACK",
            "::ffff:10.1.2.3,           PRIVATE",
            "::ffff:169.254.169.254,    CLOUD_METADATA",
            "::ffff:100.100.100.200,    CLOUD_METADATA",
            "::ffff:0.0.0.0,            UNSPECIFIED",
            "::ffff:8.8.8.8,            PUBLIC",
            // IPv4-compatible (deprecated)
            "::127.0.0.1,               LOOPBACK",
            "::169.254.169.254,         CLOUD_METADATA",
            "::192.168.0.1,             PRIVATE",
            "::8.8.8.8,                 RESERVED",
            // IPv4-translated (SIIT)
            "::ffff:0:127.0.0.1,        LOOPBACK",
            "::ffff:0:8.8.8.8,          PUBLIC",
            // NAT64 well-known prefix and local-use prefix
            "64:ff9b::127.0.0.1,        LOOPBACK",
            "64:ff9b::169.254.169.254,  CLOUD_METADATA",
            "64:ff9b::8.8.8.8,          PUBLIC",
            "64:ff9b:1::a00:1,          PRIVATE",
            // 6to4
            "2002:7f00:1::,             LOOPBACK",
            "2002:a9fe:a9fe::1,         CLOUD_METADATA",
            "2002:c0a8:101::1,          PRIVATE",
            "2002:808:808::1,           PUBLIC",
            // Teredo: the client address inverted in the last 32 bits (127.0.0.1 -> 80ff:fffe)
            "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7, PUBLIC",
    })
    void classifiesAddresses(String literal, String expected) throws UnknownHostException {
        Optional<AddressClass> expectedClass = expected.equals("PUBLIC") ? Optional.empty() : Optional.of(AddressClass.valueOf(expected));
        assertEquals(expectedClass, CallbackAddressGuard.classify(address(literal)), literal);
    }

    @Test
    void javasOwnConversionOfMappedAddressesIsCoveredToo() throws UnknownHostException {
        InetAddress converted = InetAddress.getByName("::ffff:169.254.169.254");
        assertInstanceOf(Inet4Address.class, converted);
        assertEquals(Optional.of(AddressClass.CLOUD_METADATA), CallbackAddressGuard.classify(converted));
        assertInstanceOf(Inet6Address.class, address("::ffff:169.254.169.254"));
    }

    // --- URL checks, with a resolver instead of DNS

    static final Map<String, List<String>> DNS = Map.of(
            "receiver.example.com", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "split.example.com", List.of("93.184.215.14", "10.0.0.7"),
            "rebind.example.com", List.of("2606:4700::1", "::ffff:127.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"),
            "localhost", List.of("127.0.0.1", "::1"));

    static InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> answers = DNS.get(host);
        if (answers == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {address(host)}; // literal: no DNS involved
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[answers.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = address(answers.get(i));
        }
        return addresses;
    }

    final CallbackAddressGuard strict = new CallbackAddressGuard(CallbackAddressGuardTest::resolve, false);
    final CallbackAddressGuard permissive = new CallbackAddressGuard(CallbackAddressGuardTest::resolve, true);

    @Test
    void acceptsAPublicReceiver() {
        Accepted accepted = assertInstanceOf(Accepted.class, strict.check("https://receiver.example.com/hooks?x=1"));
        assertEquals(2, accepted.addresses().size());
        assertTrue(strict.check("HTTP://receiver.example.com:8443").accepted());
    }

    @Test
    void refusesWhenAnyResolvedAddressIsRefusedAndSaysWhich() {
        Refused refused = assertInstanceOf(Refused.class, strict.check("https://split.example.com/hook"));
        assertEquals("10.0.0.7", refused.address().getHostAddress());
        assertEquals(AddressClass.PRIVATE, refused.addressClass());
        assertTrue(refused.message().contains("event.notification.callback.url host 'split.example.com' resolves to 10.0.0.7, a private-network address"),
                refused.message());
        assertTrue(refused.message().contains("changewire.callbacks.allow-private-networks=true"), refused.message());

        Refused mapped = assertInstanceOf(Refused.class, strict.check("https://rebind.example.com/hook"));
        assertEquals(AddressClass.LOOPBACK, mapped.addressClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://[::1]/hook", "http://localhost/hook", "http://10.1.1.1/",
            "http://[::ffff:192.168.0.1]/", "http://[fe80::1]/", "http://0.0.0.0/", "http://[::]/", "http://224.0.0.1/"})
    void refusesLocalTargets(String url) {
        assertInstanceOf(Refused.class, strict.check(url), url);
        assertTrue(permissive.check(url).accepted(), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://metadata.example.com/",
            "http://[fd00:ec2::254]/", "http://[::ffff:169.254.169.254]/", "http://100.100.100.200/",
            "http://169.254.42.42/", "http://[fd00:ec2::23]/", "http://[fd20:ce::254]/", "http://[fe80::a9fe:a9fe]/"})
    void refusesMetadataEvenWhenPrivateNetworksAreAllowed(String url) {
        Refused refused = assertInstanceOf(Refused.class, permissive.check(url), url);
        assertEquals(AddressClass.CLOUD_METADATA, refused.addressClass());
        assertFalse(refused.allowable());
        assertTrue(refused.message().endsWith("which callbacks may never reach"), refused.message());
    }

    @Test
    void aHostThatDoesNotResolveYetIsNotARefusal() {
        CallbackAddressVerdict verdict = strict.check("https://not-yet.example.com/hook");
        Unresolved unresolved = assertInstanceOf(Unresolved.class, verdict);
        assertEquals("not-yet.example.com", unresolved.host());
        assertFalse(verdict.accepted());
        assertInstanceOf(Unresolved.class, new CallbackAddressGuard(host -> new InetAddress[0], false).check("https://x.example/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp://receiver.example.com/", "receiver.example.com/hook", "/hook", "http:///hook",
            "http://user:secret@receiver.example.com/", "https://exa mple.com/", "file:///etc/passwd", "javascript:alert(1)",
            "http://under_score.example.com/"})
    void refusesMalformedUrls(String url) {
        Invalid invalid = assertInstanceOf(Invalid.class, strict.check(url), url);
        assertTrue(invalid.message().startsWith("event.notification.callback.url "), invalid.message());
        assertFalse(invalid.message().contains("secret"), invalid.message());
        assertThrows(IllegalArgumentException.class, () -> CallbackAddressGuard.requireCallbackUrl(url));
    }

    /** Parses a literal without DNS, keeping IPv4-mapped IPv6 addresses as Inet6Address. */
    static InetAddress address(String literal) throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(literal);
        if (parsed instanceof Inet4Address && literal.contains(":")) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
            return Inet6Address.getByAddress(null, mapped, -1);
        }
        assertEquals(literal.contains(":") ? 16 : 4, parsed.getAddress().length, Arrays.toString(parsed.getAddress()));
        return parsed;
    }
}
