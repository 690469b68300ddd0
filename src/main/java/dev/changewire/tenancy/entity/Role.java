package dev.changewire.tenancy.entity;

public enum Role {
    ADMIN, USER
}
