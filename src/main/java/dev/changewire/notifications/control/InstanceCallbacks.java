package dev.changewire.notifications.control;

import dev.changewire.instances.control.ConfigurationValues;
import dev.changewire.instances.control.ConfigurationKeys;
import dev.changewire.instances.control.Instances;
import dev.changewire.notifications.entity.CallbackSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An instance's callback configuration, as the sender needs it: read from the instance at each run. */
@ApplicationScoped
public class InstanceCallbacks {

    public static final String WEBHOOK_SECRET = ConfigurationKeys.WEBHOOK_SECRET;
    /** Instance configuration: {@code false} lets a notification overtake an earlier one that is still retrying. */
    public static final String ORDERED = ConfigurationKeys.ORDERED;

    /** One instance's settings; {@code problem} says why there are none (the attempt then fails, for the operator to see). */
    public record Callback(CallbackSettings settings, boolean ordered, String problem) {
    }

    @Inject
    Instances instances;

    @Inject
    CallbackRequestBuilder builder;

    @Inject
    Subscriptions subscriptions;

    public Callback of(long organizationId, long instanceId) {
        Map<String, String> configuration = instances.current(organizationId, instanceId).configuration();
        boolean ordered = ordered(configuration);
        List<String> secrets = new ArrayList<>();
        String current = configuration.get(WEBHOOK_SECRET);
        if (current != null && !current.isBlank()) {
            secrets.add(current);
        }
        subscriptions.previousSecret(instanceId).filter(previous -> !previous.equals(current)).ifPresent(secrets::add);
        if (secrets.isEmpty()) {
            return new Callback(null, ordered, WEBHOOK_SECRET + " is missing: create one with POST /instances/"
                    + instanceId + "/events/webhook-secret/rotate");
        }
        try {
            return new Callback(builder.settings(configuration, secrets), ordered, null);
        } catch (IllegalArgumentException e) {
            return new Callback(null, ordered, e.getMessage());
        }
    }

    /**
     * Whether the configuration asks for ordered delivery (the default). The API accepts only true or
     * false; a value saved before it checked the flag keeps the default, ordered.
     */
    public static boolean ordered(Map<String, String> configuration) {
        try {
            return ConfigurationValues.flag(configuration, ORDERED);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
