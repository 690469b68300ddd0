package dev.changewire.instances.control;

import dev.changewire.instances.entity.ConfigurationKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key an instance knows, spelled once: its label, type, whether it is a secret,
 * its default and which component checks it. The components above {@code instances} check their own
 * keys through a {@link ConfigurationRule}; they name the keys through these constants.
 */
public final class ConfigurationKeys {

    public static final String INSTANCES = "instances";
    public static final String POLLING = "polling";
    public static final String NOTIFICATIONS = "notifications";

    public static final String API_KEY = "oauth.api.key";
    public static final String API_SECRET = "oauth.api.secret";
    public static final String OAUTH_CALLBACK = "oauth.callback.url";
    public static final String OAUTH_SCOPE = "oauth.scope";
    public static final String REFRESH_TOKEN = "oauth.user.refresh_token";
    public static final String ACCESS_TOKEN = "oauth.user.token";
    public static final String EVENTS_ENABLED = "event.notification.enabled";
    public static final String VENDOR_TYPE = "event.vendor.type";

    public static final String REFRESH_INTERVAL = "event.poller.refresh_interval";
    public static final String POLLER_CONFIGURATION = "event.poller.configuration";
    public static final String POLLER_TIMEZONE = "event.poller.timezone";
    public static final String POLLER_CLASSIFICATION = "event.poller.classification";

    public static final String EVENTS_CALLBACK = "event.notification.callback.url";
    public static final String CALLBACK_HEADERS = "event.notification.callback.headers";
    public static final String SIGNATURE_KEY = "event.notification.signature.key";
    public static final String BASIC_USERNAME = "event.notification.basic.username";
    public static final String BASIC_PASSWORD = "event.notification.basic.password";
    public static final String WEBHOOK_SECRET = "event.notification.webhook.secret";
    public static final String ORDERED = "event.notification.ordered";
    public static final String NOTIFICATION_FORMAT = "event.notification.format";
    public static final String CLOUDEVENTS_MODE = "event.notification.cloudevents.mode";

    /** In the order the element's metadata lists them. */
    public static final List<ConfigurationKey> ALL = List.of(
            new ConfigurationKey(API_KEY, "Client ID", "TEXTFIELD_128", false, null, INSTANCES),
            new ConfigurationKey(API_SECRET, "Client Secret", "PASSWORD", true, null, INSTANCES),
            new ConfigurationKey(OAUTH_CALLBACK, "Callback URL", "TEXTFIELD_1000", false, null, INSTANCES),
            new ConfigurationKey(OAUTH_SCOPE, "OAuth Scope", "TEXTFIELD_1000", false, null, INSTANCES),
            new ConfigurationKey(REFRESH_TOKEN, "Refresh Token", "PASSWORD", true, null, INSTANCES),
            new ConfigurationKey(ACCESS_TOKEN, "Access Token", "PASSWORD", true, null, INSTANCES),
            new ConfigurationKey(EVENTS_ENABLED, "Events Enabled", "BOOLEAN", false, "false", INSTANCES),
            new ConfigurationKey(EVENTS_CALLBACK, "Event Notification Callback URL", "TEXTFIELD_1000", false, null, NOTIFICATIONS),
            new ConfigurationKey(VENDOR_TYPE, "Event Type", "TEXTFIELD_32", false, "polling", INSTANCES),
            new ConfigurationKey(REFRESH_INTERVAL, "Event poller refresh interval (mins)", "TEXTFIELD_32", false, "15", POLLING),
            // the default is the element's resources, which the polling rule publishes
            new ConfigurationKey(POLLER_CONFIGURATION, "Configure Polling", "JSON", false, null, POLLING),
            new ConfigurationKey(POLLER_TIMEZONE, "Poller Time Zone", "TEXTFIELD_32", false, "UTC", POLLING),
            new ConfigurationKey(POLLER_CLASSIFICATION, "Poller Classification", "TEXTFIELD_32", false, "lifecycle", POLLING),
            new ConfigurationKey(SIGNATURE_KEY, "Callback Notification Signature Key", "PASSWORD", true, null, NOTIFICATIONS),
            new ConfigurationKey(CALLBACK_HEADERS, "Event Notification Callback Headers", "TEXTAREA", true, null, NOTIFICATIONS),
            new ConfigurationKey(BASIC_USERNAME, "Callback Basic Auth Username", "TEXTFIELD_128", false, null, NOTIFICATIONS),
            new ConfigurationKey(BASIC_PASSWORD, "Callback Basic Auth Password", "PASSWORD", true, null, NOTIFICATIONS),
            new ConfigurationKey(WEBHOOK_SECRET, "Standard Webhooks Secret", "PASSWORD", true, null, NOTIFICATIONS),
            new ConfigurationKey(ORDERED, "Ordered Delivery", "BOOLEAN", false, "true", NOTIFICATIONS),
            new ConfigurationKey(NOTIFICATION_FORMAT, "Event Notification Format (cloudelements, cloudevents)", "TEXTFIELD_32", false,
                    "cloudelements", NOTIFICATIONS),
            new ConfigurationKey(CLOUDEVENTS_MODE, "CloudEvents Mode (structured, binary, batch)", "TEXTFIELD_32", false, "structured",
                    NOTIFICATIONS));

    private static final Map<String, ConfigurationKey> BY_NAME = index();

    private ConfigurationKeys() {
    }

    public static Optional<ConfigurationKey> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** A registered key; the name must be one of the constants above. */
    public static ConfigurationKey of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no configuration key " + name));
    }

    /** The registered key, or a key Changewire does not know (kept as given, a secret if its name says so). */
    public static ConfigurationKey describe(String name) {
        return find(name).orElseGet(() -> {
            boolean secret = SecretKeys.isSecret(name);
            return new ConfigurationKey(name, name, secret ? "PASSWORD" : "TEXTFIELD_1000", secret, null, INSTANCES);
        });
    }

    private static Map<String, ConfigurationKey> index() {
        Map<String, ConfigurationKey> byName = new LinkedHashMap<>();
        for (ConfigurationKey key : ALL) {
            if (byName.put(key.name(), key) != null) {
                throw new IllegalStateException("configuration key " + key.name() + " is registered twice");
            }
        }
        return byName;
    }
}
