package dev.changewire.notifications.entity;

import dev.changewire.instances.control.ConfigurationKeys;

import java.util.Locale;
import java.util.Map;

/**
 * The envelope an instance's notifications are POSTed in, from its configuration:
 * {@code event.notification.format} = {@code cloudelements} (default: Cloud Elements' body) or
 * {@code cloudevents}, and for CloudEvents {@code event.notification.cloudevents.mode} =
 * {@code structured} (default: one {@code application/cloudevents+json} event per request), {@code binary}
 * (one event per request, attributes in {@code ce-*} headers, the record as the body) or {@code batch}
 * (up to ten events of one resource as {@code application/cloudevents-batch+json}). A notification keeps
 * the format it was stored with, so its retries send the same bytes after the setting changes.
 */
public enum NotificationFormat {

    CLOUD_ELEMENTS(10), CLOUDEVENTS_STRUCTURED(1), CLOUDEVENTS_BINARY(1), CLOUDEVENTS_BATCH(10);

    public static final String FORMAT_KEY = ConfigurationKeys.NOTIFICATION_FORMAT;
    public static final String MODE_KEY = ConfigurationKeys.CLOUDEVENTS_MODE;

    private final int batchSize;

    NotificationFormat(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Events one notification carries at most: a structured or binary CloudEvents request carries one. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The format an instance's configuration asks for.
     *
     * @throws IllegalArgumentException naming the key and the values it takes
     */
    public static NotificationFormat of(Map<String, String> configuration) {
        String format = value(configuration.get(FORMAT_KEY), "cloudelements");
        String mode = value(configuration.get(MODE_KEY), "structured");
        if (!mode.equals("structured") && !mode.equals("binary") && !mode.equals("batch")) {
            throw new IllegalArgumentException(MODE_KEY + " must be 'structured', 'binary' or 'batch', got '" + abbreviate(mode) + "'");
        }
        return switch (format) {
            case "cloudelements" -> CLOUD_ELEMENTS;
            case "cloudevents" -> switch (mode) {
                case "binary" -> CLOUDEVENTS_BINARY;
                case "batch" -> CLOUDEVENTS_BATCH;
                default -> CLOUDEVENTS_STRUCTURED;
            };
            default -> throw new IllegalArgumentException(FORMAT_KEY + " must be 'cloudelements' or 'cloudevents', got '" + abbreviate(format) + "'");
        };
    }

    /** The stored name of a notification's format; null (rows stored before formats existed) is Cloud Elements'. */
    public static NotificationFormat stored(String name) {
        return name == null ? CLOUD_ELEMENTS : valueOf(name);
    }

    private static String value(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
