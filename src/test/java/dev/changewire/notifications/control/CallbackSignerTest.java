package dev.changewire.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CallbackSignerTest {

    final CallbackSigner signer = new CallbackSigner();

    @Test
    void matchesRfc4231TestCase2() {
        // RFC 4231, 4.3: key "Jefe", data "what do ya want for nothing?"
        byte[] expectedMac = HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        String signature = signer.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
        assertEquals("sha256=" + Base64.getEncoder().encodeToString(expectedMac), signature);
    }

    @Test
    void signsTheExactBodyBytesWithTheUtf8Key() throws Exception {
        byte[] body = "{\"message\":{\"eventId\":\"7\",\"name\":\"Grüße\"}}".getBytes(StandardCharsets.UTF_8);
        String key = "s3crét-key";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals("sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body)), signer.signature(key, body));

        byte[] oneByteChanged = body.clone();
        oneByteChanged[5] ^= 1;
        assertNotEquals(signer.signature(key, body), signer.signature(key, oneByteChanged));
    }

    @Test
    void refusesAnEmptyKey() {
        assertThrows(IllegalArgumentException.class, () -> signer.signature("", new byte[1]));
    }
}
