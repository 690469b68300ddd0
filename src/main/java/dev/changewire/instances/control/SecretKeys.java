package dev.changewire.instances.control;

import dev.changewire.instances.entity.ConfigurationKey;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Which configuration keys hold secrets: stored encrypted, shown only as {@link #MASK}. */
public final class SecretKeys {

    public static final String MASK = "********";

    /** The registered secrets; the callback headers among them, since the receiver's own credentials travel in them. */
    private static final Set<String> NAMED = ConfigurationKeys.ALL.stream().filter(ConfigurationKey::secret)
            .map(ConfigurationKey::name).collect(Collectors.toUnmodifiableSet());

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

    /** Keys that older versions stored in clear and that are secrets now: encrypted once at startup. */
    public static final Set<String> FORMERLY_CLEAR = Set.of(ConfigurationKeys.CALLBACK_HEADERS);

    /** What a response shows for the value of {@code key}. */
    public static String display(String key, String value) {
        return value != null && isSecret(key) ? MASK : value;
    }
}
