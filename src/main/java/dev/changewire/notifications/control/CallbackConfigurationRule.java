package dev.changewire.notifications.control;

import static dev.changewire.instances.control.ConfigurationKeys.BASIC_PASSWORD;
import static dev.changewire.instances.control.ConfigurationKeys.BASIC_USERNAME;
import static dev.changewire.instances.control.ConfigurationKeys.CALLBACK_HEADERS;
import static dev.changewire.instances.control.ConfigurationKeys.EVENTS_CALLBACK;
import static dev.changewire.instances.control.ConfigurationKeys.EVENTS_ENABLED;
import static dev.changewire.instances.control.ConfigurationKeys.ORDERED;
import static dev.changewire.instances.control.ConfigurationKeys.SIGNATURE_KEY;
import static dev.changewire.instances.control.ConfigurationKeys.WEBHOOK_SECRET;

import dev.changewire.instances.control.ConfigurationRule;
import dev.changewire.instances.control.ConfigurationValues;
import dev.changewire.notifications.entity.CallbackAddressVerdict;
import dev.changewire.notifications.entity.NotificationFormat;
import dev.changewire.platform.control.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The callback keys, checked as the sender reads them ({@link CallbackRequestBuilder},
 * {@link InstanceCallbacks}), and the callback URL's addresses against the SSRF guard.
 */
@ApplicationScoped
public class CallbackConfigurationRule implements ConfigurationRule {

    private final CallbackAddressGuard guard;
    private final CallbackRequestBuilder builder;
    private final StandardWebhooksSigner webhookSigner;

    /** For CDI's client proxy only. */
    protected CallbackConfigurationRule() {
        this(null, null, null);
    }

    @Inject
    public CallbackConfigurationRule(CallbackAddressGuard guard, CallbackRequestBuilder builder, StandardWebhooksSigner webhookSigner) {
        this.guard = guard;
        this.builder = builder;
        this.webhookSigner = webhookSigner;
    }

    @Override
    public Set<String> keys() {
        return Set.of(EVENTS_CALLBACK, CALLBACK_HEADERS, SIGNATURE_KEY, BASIC_USERNAME, BASIC_PASSWORD, WEBHOOK_SECRET, ORDERED,
                NotificationFormat.FORMAT_KEY, NotificationFormat.MODE_KEY);
    }

    @Override
    public void check(Map<String, String> c) {
        String url = c.get(EVENTS_CALLBACK);
        ConfigurationValues.httpUrl(EVENTS_CALLBACK, url);
        if (blank(url) && ConfigurationValues.flag(c, EVENTS_ENABLED)) {
            throw new IllegalArgumentException(EVENTS_CALLBACK + " is required when " + EVENTS_ENABLED + " is true");
        }
        ConfigurationValues.flag(c, ORDERED);
        NotificationFormat.of(c); // the format and CloudEvents mode, each one of its names
        if (!blank(c.get(CALLBACK_HEADERS))) {
            requireHeaderObject(c.get(CALLBACK_HEADERS));
        }
        String secret = c.get(WEBHOOK_SECRET);
        if (!blank(secret)) {
            webhookSigner.validate(secret.trim());
        }
        if (!blank(url)) {
            // the settings as the sender will read them (headers, Basic auth)
            builder.settings(c, List.of());
            // the SSRF guard: an address in this server's own networks is refused; a host that does not resolve yet is accepted (DNS may follow)
            CallbackAddressVerdict verdict = guard.check(url.trim());
            if (verdict instanceof CallbackAddressVerdict.Refused || verdict instanceof CallbackAddressVerdict.Invalid) {
                throw new IllegalArgumentException(verdict.message());
            }
        }
    }

    /** Every instance gets a Standard Webhooks secret. */
    @Override
    public void complete(Map<String, String> configuration) {
        String secret = configuration.get(WEBHOOK_SECRET);
        configuration.put(WEBHOOK_SECRET, blank(secret) ? webhookSigner.newSecret() : secret.trim());
    }

    private static void requireHeaderObject(String text) {
        String what = "configuration." + CALLBACK_HEADERS;
        JsonValue value = JsonText.value(text, what);
        boolean ok = value.getValueType() == JsonValue.ValueType.OBJECT
                && value.asJsonObject().values().stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING);
        if (!ok) {
            throw new IllegalArgumentException(CALLBACK_HEADERS + " must be a JSON object of header name to string value");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
