package dev.changewire.notifications.entity;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An instance's callback configuration, validated (see {@code CallbackRequestBuilder.settings}).
 *
 * @param url            {@code event.notification.callback.url}
 * @param signatureKey   {@code event.notification.signature.key}, or null: no Elements-Webhook-Signature
 * @param webhookSecrets the active {@code whsec_} secrets, newest first (two during a rotation)
 * @param basicUsername  {@code event.notification.basic.username}, or null: no Basic auth
 * @param basicPassword  {@code event.notification.basic.password}, or null
 * @param extraHeaders   {@code event.notification.callback.headers}, in their configured order
 */
public record CallbackSettings(URI url, String signatureKey, List<String> webhookSecrets, String basicUsername,
                               String basicPassword, Map<String, String> extraHeaders) {

    public CallbackSettings {
        Objects.requireNonNull(url, "url");
        webhookSecrets = List.copyOf(webhookSecrets);
        extraHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(extraHeaders));
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "CallbackSettings[url=" + url.getScheme() + "://" + url.getHost()
                + ", signed=" + (signatureKey != null) + ", webhookSecrets=" + webhookSecrets.size()
                + ", basicAuth=" + (basicUsername != null) + ", extraHeaders=" + extraHeaders.keySet() + "]";
    }
}
