package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import dev.changewire.notifications.entity.CallbackRequest;
import dev.changewire.notifications.entity.CallbackSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackRequestBuilderTest {

    final StandardWebhooksSigner webhooks = new StandardWebhooksSigner();
    final CallbackSigner elements = new CallbackSigner();
    final CallbackRequestBuilder builder = new CallbackRequestBuilder(elements, webhooks);
    final String secret = webhooks.newSecret();
    final byte[] body = "{\"message\":{\"eventId\":\"981\",\"name\":\"Grüße\"}}".getBytes(StandardCharsets.UTF_8);

    Map<String, String> configuration(String... keyValues) {
        Map<String, String> configuration = new HashMap<>();
        configuration.put("event.notification.enabled", "true");
        configuration.put("event.notification.callback.url", "https://receiver.example.com/hooks");
        for (int i = 0; i < keyValues.length; i += 2) {
            configuration.put(keyValues[i], keyValues[i + 1]);
        }
        return configuration;
    }

    @Test
    void aFullyConfiguredCallback() throws Exception {
        CallbackSettings settings = builder.settings(configuration(
                "event.notification.signature.key", "elements-key",
                "event.notification.basic.username", "hook-user",
                "event.notification.basic.password", "pässword:with:colons",
                "event.notification.callback.headers", "{\"X-Api-Key\":\"  abc123  \",\"X-Tenant\":\"acme\"}"), List.of(secret));
        Instant now = Instant.now();

        CallbackRequest request = builder.build(settings, "981", now, body);

        assertEquals(URI.create("https://receiver.example.com/hooks"), request.url());
        assertEquals(List.of("X-Api-Key", "X-Tenant", "Content-Type", "Elements-Webhook-Id", "Elements-Webhook-Signature",
                "webhook-id", "webhook-timestamp", "webhook-signature", "Authorization"), List.copyOf(request.headers().keySet()));
        assertEquals("abc123", request.header("x-api-key"));
        assertEquals("acme", request.header("X-Tenant"));
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("981", request.header("Elements-Webhook-Id"));
        assertEquals("981", request.header("webhook-id"));
        assertEquals(Long.toString(now.getEpochSecond()), request.header("webhook-timestamp"));
        assertEquals(elements.signature("elements-key", body), request.header("Elements-Webhook-Signature"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("hook-user:pässword:with:colons".getBytes(StandardCharsets.UTF_8)),
                request.header("Authorization"));
        assertArrayEquals(body, request.body());

        // what the receiver gets verifies with the reference library
        Map<String, List<String>> received = new HashMap<>();
        request.headers().forEach((name, value) -> received.put(name, List.of(value)));
        assertDoesNotThrow(() -> new Webhook(secret).verify(new String(request.body(), StandardCharsets.UTF_8), received));
    }

    @Test
    void theMinimumIsTheIdTheContentTypeAndTheStandardTrio() {
        CallbackSettings settings = builder.settings(configuration(), List.of(secret));
        CallbackRequest request = builder.build(settings, "5", Instant.ofEpochSecond(1_700_000_000), body);
        assertEquals(List.of("Content-Type", "Elements-Webhook-Id", "webhook-id", "webhook-timestamp", "webhook-signature"),
                List.copyOf(request.headers().keySet()));
        assertEquals("1700000000", request.header("webhook-timestamp"));
        assertNull(request.header("Elements-Webhook-Signature"));
        assertNull(request.header("Authorization"));
    }

    @Test
    void aRetryDiffersOnlyInTimestampAndSignature() {
        CallbackSettings settings = builder.settings(configuration("event.notification.signature.key", "k"), List.of(secret));
        CallbackRequest first = builder.build(settings, "77", Instant.ofEpochSecond(1_700_000_000), body);
        CallbackRequest retry = builder.build(settings, "77", Instant.ofEpochSecond(1_700_000_300), body);
        assertEquals(first.header("webhook-id"), retry.header("webhook-id"));
        assertEquals(first.header("Elements-Webhook-Id"), retry.header("Elements-Webhook-Id"));
        assertEquals(first.header("Elements-Webhook-Signature"), retry.header("Elements-Webhook-Signature"));
        assertFalse(first.header("webhook-signature").equals(retry.header("webhook-signature")));
        assertEquals(first, builder.build(settings, "77", Instant.ofEpochSecond(1_700_000_000), body));
    }

    @Test
    void duringARotationBothSecretsSign() {
        String previous = webhooks.newSecret();
        CallbackSettings settings = builder.settings(configuration(), List.of(secret, previous));
        Instant at = Instant.ofEpochSecond(1_700_000_000);
        String signature = builder.build(settings, "1", at, body).header("webhook-signature");
        assertEquals(webhooks.signature("1", at, body, List.of(secret)) + " " + webhooks.signature("1", at, body, List.of(previous)),
                signature);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "content-type", "Elements-Webhook-Id", "ELEMENTS-WEBHOOK-SIGNATURE", "webhook-id",
            "Webhook-Timestamp", "webhook-signature", "Content-Length", "Host", "Transfer-Encoding", "Connection"})
    void extraHeadersCannotReplaceWhatChangewireSets(String name) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> builder.settings(
                configuration("event.notification.callback.headers", "{\"" + name + "\":\"x\"}"), List.of(secret)));
        assertEquals("event.notification.callback.headers: header '" + name + "' is set by Changewire and cannot be configured",
                refused.getMessage());
        // nor when the settings are built by hand
        CallbackSettings handMade = new CallbackSettings(URI.create("https://r.example/"), null, List.of(secret), null, null,
                Map.of(name, "x"));
        assertThrows(IllegalArgumentException.class, () -> builder.build(handMade, "1", Instant.now(), body));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[\"X-A\"]",
            "{\"X-A\":",
            "not json",
            "{\"X-A\":42}",
            "{\"X-A\":null}",
            "{\"Bad Name\":\"x\"}",
            "{\"\":\"x\"}",
            "{\"X-Ä\":\"x\"}",
            "{\"X-A\":\"line\\r\\nX-Injected: yes\"}",
            "{\"X-A\":\"caf\\u00e9\"}",
            "{\"X-A\":\"1\",\"x-a\":\"2\"}",
    })
    void refusesBadExtraHeadersNamingTheField(String json) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> builder.settings(configuration("event.notification.callback.headers", json), List.of(secret)));
        assertTrue(refused.getMessage().startsWith("event.notification.callback.headers"), refused.getMessage());
    }

    @Test
    void boundsTheNumberOfExtraHeaders() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 33; i++) {
            json.append(i == 0 ? "" : ",").append("\"X-H").append(i).append("\":\"v\"");
        }
        String tooMany = json.append('}').toString();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CallbackHeaders.parse(tooMany)).getMessage().contains("at most 32"));
        assertEquals(Map.of(), CallbackHeaders.parse("  "));
        assertEquals(Map.of(), CallbackHeaders.parse("{}"));
    }

    @Test
    void authorizationComesFromBasicAuthOrFromTheHeadersButNotBoth() {
        CallbackSettings bearer = builder.settings(configuration("event.notification.callback.headers",
                "{\"Authorization\":\"Bearer t0ken\"}"), List.of(secret));
        assertEquals("Bearer t0ken", builder.build(bearer, "1", Instant.now(), body).header("authorization"));

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> builder.settings(configuration(
                "event.notification.callback.headers", "{\"authorization\":\"Bearer t0ken\"}",
                "event.notification.basic.username", "u"), List.of(secret)));
        assertTrue(both.getMessage().contains("configure one or the other"), both.getMessage());
    }

    @Test
    void refusesBadBasicAuthAndBadSecrets() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.settings(
                configuration("event.notification.basic.password", "p"), List.of(secret)))
                .getMessage().startsWith("event.notification.basic.password is set but event.notification.basic.username is not"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.settings(
                configuration("event.notification.basic.username", "a:b"), List.of(secret)))
                .getMessage().startsWith("event.notification.basic.username"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.settings(configuration(), List.of("whsec_short")))
                .getMessage().startsWith("event.notification.webhook.secret"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.settings(
                configuration("event.notification.callback.url", "ftp://x.example/"), List.of(secret)))
                .getMessage().startsWith("event.notification.callback.url"));
        assertThrows(IllegalArgumentException.class, () -> builder.build(builder.settings(configuration(), List.of()), "1", Instant.now(), body));
    }

    @Test
    void aUsernameWithoutPasswordSendsAnEmptyPassword() {
        CallbackSettings settings = builder.settings(configuration("event.notification.basic.username", "only"), List.of(secret));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("only:".getBytes(StandardCharsets.UTF_8)),
                builder.build(settings, "1", Instant.now(), body).header("Authorization"));
    }

    @Test
    void neverPrintsSecrets() {
        CallbackSettings settings = builder.settings(configuration(
                "event.notification.signature.key", "elements-key",
                "event.notification.basic.username", "hook-user",
                "event.notification.basic.password", "hunter2",
                "event.notification.callback.headers", "{\"X-Api-Key\":\"abc123\"}"), List.of(secret));
        CallbackRequest request = builder.build(settings, "981", Instant.now(), body);
        for (String printed : List.of(settings.toString(), request.toString())) {
            for (String secretValue : List.of("elements-key", "hunter2", "abc123", secret, request.header("Authorization"),
                    request.header("Elements-Webhook-Signature"))) {
                assertFalse(printed.contains(secretValue), printed);
            }
        }
        assertTrue(request.toString().contains("X-Api-Key"), request.toString());
    }

    @Test
    void theRequestIsImmutable() {
        CallbackRequest request = builder.build(builder.settings(configuration(), List.of(secret)), "1", Instant.now(), body);
        request.body()[0] = 'X';
        assertEquals('{', request.body()[0]);
        assertThrows(UnsupportedOperationException.class, () -> request.headers().put("X", "y"));
    }
}
