package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardWebhooksSignerTest {

    final StandardWebhooksSigner signer = new StandardWebhooksSigner();

    @Test
    void matchesThePublishedExample() {
        // the example of the Standard Webhooks / Svix documentation
        String signature = signer.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", Instant.ofEpochSecond(1614265330),
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void matchesTheSpecAlgorithmComputedIndependently() throws Exception {
        String secret = signer.newSecret();
        byte[] body = "{\"message\":{\"eventId\":\"9\",\"x\":\"ü\"}}".getBytes(StandardCharsets.UTF_8);
        Instant at = Instant.parse("2026-11-27T13:00:00.900Z");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal(("9." + at.getEpochSecond() + ".").concat(new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("v1," + Base64.getEncoder().encodeToString(expected), signer.signature("9", at, body, List.of(secret)));
        assertEquals(Long.toString(at.getEpochSecond()), StandardWebhooksSigner.timestamp(at));
    }

    @Test
    void theReferenceLibraryVerifiesBothSignaturesDuringARotation() throws Exception {
        String current = signer.newSecret();
        String previous = signer.newSecret();
        String body = "{\"message\":{\"eventId\":\"1234\",\"instance_id\":5,\"name\":\"Grüße\"}}";
        Instant now = Instant.now();

        String signature = signer.signature("1234", now, body.getBytes(StandardCharsets.UTF_8), List.of(current, previous));

        assertEquals(2, signature.split(" ").length);
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of("1234"),
                "webhook-timestamp", List.of(StandardWebhooksSigner.timestamp(now)),
                "webhook-signature", List.of(signature));
        // a receiver that knows only one of the two secrets accepts the callback
        assertDoesNotThrow(() -> new Webhook(current).verify(body, headers));
        assertDoesNotThrow(() -> new Webhook(previous).verify(body, headers));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(signer.newSecret()).verify(body, headers));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(current).verify(body.replace("1234", "1235"), headers));
        // and the library signs exactly as we do
        assertEquals(signature.split(" ")[0], new Webhook(current).sign("1234", now.getEpochSecond(), body));
    }

    @Test
    void newSecretsAreWhsecAnd32RandomBytes() {
        String one = signer.newSecret();
        String two = signer.newSecret();
        assertTrue(one.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(one.substring(6)).length);
        assertNotEquals(one, two);
        assertDoesNotThrow(() -> signer.validate(one));
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 32, 64})
    void acceptsKeysOf24To64Bytes(int length) {
        assertDoesNotThrow(() -> signer.validate("whsec_" + Base64.getEncoder().encodeToString(new byte[length])));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",           // no prefix
            "whsec_",                                     // nothing after it
            "whsec_not*base64!!",                         // not base64
            "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",     // 22 bytes
            "whsec_" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB"
                    + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB" + "QUFB"
                    + "QUFB" + "QUFB" + "QUE=",          // 65 bytes
    })
    void refusesMalformedSecretsWithoutEchoingThem(String secret) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> signer.validate(secret));
        assertTrue(refused.getMessage().startsWith("event.notification.webhook.secret "), refused.getMessage());
        if (secret.length() > 10) {
            assertFalse(refused.getMessage().contains(secret.substring(6)), refused.getMessage());
        }
    }

    @Test
    void refusesNoSecretAndAnAmbiguousId() {
        byte[] body = {'{', '}'};
        assertThrows(IllegalArgumentException.class, () -> signer.signature("1", Instant.now(), body, List.of()));
        assertThrows(IllegalArgumentException.class, () -> signer.signature("1.2", Instant.now(), body, List.of(signer.newSecret())));
    }
}
