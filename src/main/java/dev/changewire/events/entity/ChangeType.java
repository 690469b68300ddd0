package dev.changewire.events.entity;

public enum ChangeType {
    CREATED, UPDATED, DELETED
}
