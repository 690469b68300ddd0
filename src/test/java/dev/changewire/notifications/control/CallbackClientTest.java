package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.changewire.notifications.entity.AttemptResult;
import dev.changewire.notifications.entity.CallbackRequest;
import dev.changewire.notifications.entity.DeliveryOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a real HTTP server on loopback. */
class CallbackClientTest {

    HttpServer server;
    final AtomicReference<byte[]> received = new AtomicReference<>();
    final AtomicReference<String> receivedHeader = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            received.set(exchange.getRequestBody().readAllBytes());
            receivedHeader.set(exchange.getRequestHeaders().getFirst("webhook-id"));
            reply(exchange, 200, "thanks");
        });
        server.createContext("/busy", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "120");
            reply(exchange, 503, "busy");
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            reply(exchange, 302, "");
        });
        server.createContext("/big", exchange -> reply(exchange, 500, "x".repeat(100_000)));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "late");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    CallbackClient client(boolean allowPrivate, String timeout) {
        CallbackClient client = new CallbackClient();
        client.guard = new CallbackAddressGuard(InetAddress::getAllByName, allowPrivate);
        client.settings = DeliverySettings.of(Map.of(DeliverySettings.TIMEOUT, timeout));
        client.open();
        return client;
    }

    CallbackRequest request(String path, int port) {
        return new CallbackRequest(URI.create("http://127.0.0.1:" + port + path), Map.of("Content-Type", "application/json",
                "webhook-id", "msg_1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Test
    void aTwoHundredIsDeliveredWithTheExactBodyAndHeaders() {
        AttemptResult result = client(true, "PT5S").send(request("/ok", port()));
        assertEquals(DeliveryOutcome.DELIVERED, result.outcome());
        assertEquals(200, result.httpStatus());
        // the receiver is on loopback (allowed here): its status counts, its body is never kept (issue 10, item 8)
        assertNull(result.responseBody());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), received.get());
        assertEquals("msg_1", receivedHeader.get());
    }

    @Test
    void retryAfterIsReadAndFiveHundredsRetry() {
        AttemptResult result = client(true, "PT5S").send(request("/busy", port()));
        assertEquals(DeliveryOutcome.RETRY, result.outcome());
        assertEquals("120", result.retryAfter());
    }

    @Test
    void redirectsAreNotFollowed() {
        AttemptResult result = client(true, "PT5S").send(request("/moved", port()));
        assertEquals(302, result.httpStatus());
        assertEquals(DeliveryOutcome.RETRY_CLIENT_ERROR, result.outcome());
        assertNull(received.get());
    }

    @Test
    void aPrivateAddresssLongAnswerKeepsItsStatusButNoBody() {
        AttemptResult result = client(true, "PT5S").send(request("/big", port()));
        assertEquals(500, result.httpStatus());
        assertNull(result.responseBody());
    }

    @Test
    void onlyTheFirstTwoKibOfAPublicAnswerAreKept() {
        AttemptResult result = AttemptResult.response(java.time.Instant.now(), java.time.Duration.ZERO, 500, "x".repeat(100_000), null);
        assertEquals(2048, result.responseBody().length());
    }

    @Test
    void aSlowReceiverTimesOut() {
        AttemptResult result = client(true, "PT1S").send(request("/slow", port()));
        assertEquals(DeliveryOutcome.RETRY_SLOW_DOWN, result.outcome());
        assertNull(result.httpStatus());
        assertTrue(result.duration().toMillis() < 2900, result.duration()::toString);
    }

    @Test
    void aClosedPortIsAConnectionError() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        AttemptResult result = client(true, "PT5S").send(request("/ok", closed));
        assertEquals(DeliveryOutcome.RETRY, result.outcome());
        assertTrue(result.error().contains("ConnectException"), result.error());
    }

    @Test
    void loopbackIsRefusedAtSendTimeUnlessPrivateNetworksAreAllowed() {
        AttemptResult result = client(false, "PT5S").send(request("/ok", port()));
        assertEquals(DeliveryOutcome.RETRY_CLIENT_ERROR, result.outcome());
        assertTrue(result.error().contains("loopback"), result.error());
        assertNull(received.get());
    }
}
