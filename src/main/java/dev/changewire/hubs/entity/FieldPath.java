package dev.changewire.hubs.entity;

import java.util.List;

/** A dotted path into a normalized record, e.g. {@code email_address.address}: one segment per object level. */
public record FieldPath(List<String> segments) {

    public FieldPath {
        if (segments == null || segments.isEmpty()) {
            throw new IllegalArgumentException("a field path needs at least one segment");
        }
        segments = List.copyOf(segments);
    }

    public static FieldPath of(String... segments) {
        return new FieldPath(List.of(segments));
    }

    /** True for a one-segment path with this name, the way pseudo-fields such as {@code modified_since} are recognized. */
    public boolean is(String name) {
        return segments.size() == 1 && segments.get(0).equals(name);
    }

    public String dotted() {
        return String.join(".", segments);
    }

    @Override
    public String toString() {
        return dotted();
    }
}
