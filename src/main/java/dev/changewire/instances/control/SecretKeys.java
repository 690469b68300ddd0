package dev.changewire.instances.control;

import java.util.Locale;
import java.util.Set;

/** Which configuration keys hold secrets: stored encrypted, shown only as {@link #MASK}. */
public final class SecretKeys {

    public static final String MASK = "********";

    private static final Set<String> NAMED = Set.of(
            "oauth.api.secret",
            "oauth.user.refresh_token",
            "oauth.user.token",
            "event.notification.signature.key",
            "event.notification.basic.password",
            "event.notification.webhook.secret",
            // the receiver's own credentials (API keys, bearer tokens) travel in these headers
            "event.notification.callback.headers");

    private SecretKeys() {
    }

    public static boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT);
        // erring on the side of hiding: any key that names a token, secret or password is one
        return NAMED.contains(k) || k.contains("token") || k.contains("secret") || k.contains("password");
    }

    /** What a response shows for the value of {@code key}. */
    /** Keys that older versions stored in clear and that are secrets now: encrypted once at startup. */
    public static final Set<String> FORMERLY_CLEAR = Set.of("event.notification.callback.headers");

    public static String display(String key, String value) {
        return value != null && isSecret(key) ? MASK : value;
    }
}
