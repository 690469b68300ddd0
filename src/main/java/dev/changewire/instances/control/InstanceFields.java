package dev.changewire.instances.control;

import jakarta.json.JsonObjectBuilder;

/**
 * Fields a component above {@code instances} adds to one instance's JSON ({@code GET /instances/{id}}),
 * found by CDI, so that the instances API shows them without importing that component.
 */
public interface InstanceFields {

    /** Adds this component's fields about the instance (already checked to be the caller's). */
    void addTo(long instanceId, JsonObjectBuilder json);
}
