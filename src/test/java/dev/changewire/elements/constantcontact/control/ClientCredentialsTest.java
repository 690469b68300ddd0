package dev.changewire.elements.constantcontact.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.platform.control.SecretDigest;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

    private final SecretDigest digest = new SecretDigest();

    @Test
    void aWrongSecretNamesAnotherBudget() {
        String real = new ClientCredentials("app", "right").budgetKey(digest);
        assertEquals(real, new ClientCredentials("app", "right").budgetKey(digest), "instances of one app share its budget");
        assertNotEquals(real, new ClientCredentials("app", "wrong").budgetKey(digest));
        assertNotEquals(real, digest.digest("app"), "never the budget of the client id alone");
        assertNotEquals(new ClientCredentials("a", "b:c").budgetKey(digest), new ClientCredentials("a:b", "c").budgetKey(digest));
    }

    @Test
    void theSecretStaysOutOfTextAndKey() {
        var credentials = new ClientCredentials("app", "s3cret-value");
        assertFalse(credentials.toString().contains("s3cret-value"));
        assertFalse(credentials.budgetKey(digest).contains("s3cret-value"));
        assertTrue(credentials.complete());
        assertFalse(new ClientCredentials("app", null).complete());
    }
}
