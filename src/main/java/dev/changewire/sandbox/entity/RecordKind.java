package dev.changewire.sandbox.entity;

import java.util.Arrays;
import java.util.Optional;

/** The three collections a sandbox account holds, with the path segment and id field of each. */
public enum RecordKind {
    CAMPAIGNS("emails", "campaign_id"),
    CONTACTS("contacts", "contact_id"),
    LISTS("contact_lists", "list_id");

    private final String path;
    private final String idField;

    RecordKind(String path, String idField) {
        this.path = path;
        this.idField = idField;
    }

    public String path() {
        return path;
    }

    public String idField() {
        return idField;
    }

    public static Optional<RecordKind> ofPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }
}
