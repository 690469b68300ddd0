package dev.changewire.notifications.entity;

import java.util.Set;

/**
 * Where a notification is: PENDING (stored, first attempt due or in flight), RETRYING (an attempt
 * failed, the next one is scheduled), DELIVERED (a 2xx), FAILED (the last attempt failed), QUEUED
 * (held while the instance's subscription is deactivated; sent again only on redelivery).
 */
public enum NotificationStatus {
    PENDING, RETRYING, DELIVERED, FAILED, QUEUED;

    /** The statuses in which a notification is still on its way and may be claimed for an attempt. */
    public static final Set<NotificationStatus> OUTSTANDING = Set.of(PENDING, RETRYING);

    public boolean outstanding() {
        return OUTSTANDING.contains(this);
    }
}
