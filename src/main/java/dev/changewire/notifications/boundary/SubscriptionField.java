package dev.changewire.notifications.boundary;

import dev.changewire.instances.control.InstanceFields;
import dev.changewire.notifications.control.Subscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

/** {@code subscriptionActive} in an instance's JSON: whether its notifications are being delivered. */
@ApplicationScoped
public class SubscriptionField implements InstanceFields {

    @Inject
    Subscriptions subscriptions;

    @Override
    public void addTo(long instanceId, JsonObjectBuilder json) {
        json.add("subscriptionActive", subscriptions.isActive(instanceId));
    }
}
