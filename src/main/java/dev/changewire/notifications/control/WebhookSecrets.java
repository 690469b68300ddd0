package dev.changewire.notifications.control;

import dev.changewire.instances.control.Instances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rotates an instance's Standard Webhooks secret: the new one signs at once, and the old one keeps
 * signing beside it for {@code changewire.delivery.secret-rotation-overlap} (default a day), so a
 * receiver can switch without missing a callback.
 */
@ApplicationScoped
public class WebhookSecrets {

    /** The new secret (shown only in this answer) and when the old one stops signing (null if there was none). */
    public record Rotation(String secret, Instant previousExpiresAt) {
    }

    @Inject
    Instances instances;

    @Inject
    Subscriptions subscriptions;

    @Inject
    StandardWebhooksSigner signer;

    @Inject
    DeliverySettings settings;

    public Rotation rotate(long organizationId, long instanceId) {
        Instances.Current current = instances.current(organizationId, instanceId);
        String previous = current.configuration().get(InstanceCallbacks.WEBHOOK_SECRET);
        Instant expires = previous == null ? null : Times.now().plus(settings.rotationOverlap());
        // the old secret is kept first: should the second step fail, it is still the current one
        subscriptions.keepPreviousSecret(instanceId, previous, expires);
        String fresh = signer.newSecret();
        Map<String, String> configuration = new LinkedHashMap<>(current.configuration());
        configuration.put(InstanceCallbacks.WEBHOOK_SECRET, fresh);
        instances.update(organizationId, instanceId, current.name(), current.tags(), configuration, null);
        return new Rotation(fresh, expires);
    }
}
