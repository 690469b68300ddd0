package dev.changewire.instances.entity;

/**
 * One key of an instance's configuration, as {@code ConfigurationKeys} registers it.
 *
 * @param name         the key as Cloud Elements spells it ({@code event.poller.refresh_interval})
 * @param displayName  the label Cloud Elements shows for it
 * @param type         Cloud Elements' input type (TEXTFIELD_32, BOOLEAN, PASSWORD, JSON, ...)
 * @param secret       stored encrypted and shown only as the mask
 * @param defaultValue what applies when an instance gives none (null: nothing, or a default a rule computes)
 * @param component    the component whose {@code ConfigurationRule} checks the value and reads it
 */
public record ConfigurationKey(String name, String displayName, String type, boolean secret, String defaultValue, String component) {
}
