package dev.changewire.events.entity;

/**
 * Where an event is on its way to the callback: NEW when recorded, DISPATCHED once it is part of a
 * stored notification, NOTIFIED after the receiver's 2xx, QUEUED while the instance's subscription
 * is deactivated (kept until the operator redelivers).
 */
public enum EventStatus {
    NEW, DISPATCHED, NOTIFIED, QUEUED
}
