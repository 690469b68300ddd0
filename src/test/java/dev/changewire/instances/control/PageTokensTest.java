package dev.changewire.instances.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.changewire.platform.control.ApiException;
import dev.changewire.platform.control.SecretCipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    final PageTokens tokens = new PageTokens();

    PageTokensTest() {
        tokens.cipher = new SecretCipher(new SecretKeySpec(new byte[32], "AES"));
    }

    @Test
    void roundTripsForTheSameOrganization() {
        String token = tokens.next(7, 1234);
        assertFalse(token.contains("1234"));
        assertEquals(1234, tokens.after(7, token));
    }

    @Test
    void isBoundToTheOrganization() {
        String token = tokens.next(7, 1234);
        assertEquals(400, assertThrows(ApiException.class, () -> tokens.after(8, token)).status());
    }

    @Test
    void rejectsTamperedTokens() {
        String token = tokens.next(7, 1234);
        char last = token.charAt(token.length() - 5);
        String tampered = token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
        assertThrows(ApiException.class, () -> tokens.after(7, tampered));
        assertThrows(ApiException.class, () -> tokens.after(7, "not-a-token"));
    }
}
