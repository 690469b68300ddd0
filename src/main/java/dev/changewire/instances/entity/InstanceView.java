package dev.changewire.instances.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the API shows of an instance: secrets already masked; {@code token} only where the caller may see it.
 * {@code quotaPausedUntil}: set while its API key's daily Constant Contact quota is spent (nothing is sent before).
 */
public record InstanceView(long id, String name, String token, String elementKey, List<String> tags,
        Map<String, String> configuration, boolean eventsEnabled, String eventsNotificationCallbackUrl,
        boolean disabled, boolean valid, String validationReason, Instant quotaPausedUntil, Instant createdDate, Instant updatedDate, Owner owner) {

    public record Owner(long id, String emailAddress, String firstName, String lastName) {
    }

    public InstanceView withoutToken() {
        return new InstanceView(id, name, null, elementKey, tags, configuration, eventsEnabled, eventsNotificationCallbackUrl,
                disabled, valid, validationReason, quotaPausedUntil, createdDate, updatedDate, owner);
    }
}
