package dev.changewire.instances.control;

import java.util.Map;

/** The display name and input type of the configuration keys the Constant Contact element knows. */
public final class ConfigurationCatalog {

    public record Property(String name, String type) {
    }

    private static final Map<String, Property> KNOWN = Map.ofEntries(
            Map.entry("oauth.api.key", new Property("Client ID", "TEXTFIELD_128")),
            Map.entry("oauth.api.secret", new Property("Client Secret", "PASSWORD")),
            Map.entry("oauth.callback.url", new Property("Callback URL", "TEXTFIELD_1000")),
            Map.entry("oauth.scope", new Property("OAuth Scope", "TEXTFIELD_1000")),
            Map.entry("event.notification.enabled", new Property("Events Enabled", "BOOLEAN")),
            Map.entry("event.notification.callback.url", new Property("Event Notification Callback URL", "TEXTFIELD_1000")),
            Map.entry("event.notification.signature.key", new Property("Callback Notification Signature Key", "PASSWORD")),
            Map.entry("event.notification.callback.headers", new Property("Event Notification Callback Headers", "TEXTAREA")),
            Map.entry("event.notification.basic.username", new Property("Callback Basic Auth Username", "TEXTFIELD_128")),
            Map.entry("event.notification.basic.password", new Property("Callback Basic Auth Password", "PASSWORD")),
            Map.entry("event.notification.format", new Property("Event Notification Format (cloudelements, cloudevents)", "TEXTFIELD_32")),
            Map.entry("event.notification.cloudevents.mode", new Property("CloudEvents Mode (structured, binary, batch)", "TEXTFIELD_32")),
            Map.entry("event.vendor.type", new Property("Event Type", "TEXTFIELD_32")),
            Map.entry("event.poller.refresh_interval", new Property("Event poller refresh interval (mins)", "TEXTFIELD_32")),
            Map.entry("event.poller.configuration", new Property("Configure Polling", "TEXTAREA")));

    private ConfigurationCatalog() {
    }

    public static Property of(String key) {
        Property known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        return new Property(key, SecretKeys.isSecret(key) ? "PASSWORD" : "TEXTFIELD_1000");
    }
}
