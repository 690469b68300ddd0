package dev.changewire.elements.constantcontact.control;

import dev.changewire.platform.control.SecretDigest;

/**
 * A Constant Contact app's client id with its secret: what Constant Contact counts requests by, and so
 * what Changewire's rate buckets and quota pauses belong to. Client ids are public (every authorize
 * URL shows one), so a budget keyed by the id alone could be spent, and paused for a day, by anyone
 * who types it in with a wrong secret. Keyed by the id and the secret together, only whoever holds the
 * secret Constant Contact accepted draws from that app's budget.
 */
public record ClientCredentials(String clientId, String clientSecret) {

    /** The digest that names the budget; the secret never leaves in clear. */
    public String budgetKey(SecretDigest digest) {
        // the separator cannot occur in a header-borne client id, so ("a", "b:c") and ("a:b", "c") differ
        return digest.digest((clientId == null ? "" : clientId) + "\n" + (clientSecret == null ? "" : clientSecret));
    }

    public boolean complete() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=****]";
    }
}
