package dev.changewire.notifications.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits one instance's events, in detection order, into notifications: one resource per
 * notification, at most {@value NotificationPayload#BATCH_SIZE} events each, resources in the order
 * their first event was detected and events in detection order within and across the parts.
 */
public final class NotificationGrouping {

    private NotificationGrouping() {
    }

    public static <E> List<List<E>> group(List<E> eventsInDetectionOrder, Function<E, String> objectType) {
        return group(eventsInDetectionOrder, objectType, NotificationPayload.BATCH_SIZE);
    }

    /** The same with at most {@code batchSize} events per notification (one for a single CloudEvent per request). */
    public static <E> List<List<E>> group(List<E> eventsInDetectionOrder, Function<E, String> objectType, int batchSize) {
        Map<String, List<E>> byResource = new LinkedHashMap<>();
        for (E event : eventsInDetectionOrder) {
            byResource.computeIfAbsent(objectType.apply(event), k -> new ArrayList<>()).add(event);
        }
        List<List<E>> notifications = new ArrayList<>();
        for (List<E> events : byResource.values()) {
            for (int from = 0; from < events.size(); from += batchSize) {
                notifications.add(List.copyOf(events.subList(from, Math.min(from + batchSize, events.size()))));
            }
        }
        return List.copyOf(notifications);
    }
}
