package dev.changewire.instances.entity;

/** One configuration entry as the API shows it (secret values masked). */
public record ConfigurationItem(long id, String key, String propertyValue) {
}
