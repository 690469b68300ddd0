package dev.changewire.elements.constantcontact.control;

import java.util.Arrays;
import java.util.Optional;

/** The marketing hub's resources and where Constant Contact V3 keeps them. */
public enum ConstantContactResource {
    CAMPAIGNS("campaigns", "/emails", "campaigns", "campaign_id"),
    CONTACTS("contacts", "/contacts", "contacts", "contact_id"),
    LISTS("lists", "/contact_lists", "lists", "list_id");

    private final String hubName;
    private final String path;
    private final String collectionKey;
    private final String idField;

    ConstantContactResource(String hubName, String path, String collectionKey, String idField) {
        this.hubName = hubName;
        this.path = path;
        this.collectionKey = collectionKey;
        this.idField = idField;
    }

    /** The name in {@code /hubs/marketing/{name}}. */
    public String hubName() {
        return hubName;
    }

    /** The collection's path below the API URL (which ends in {@code /v3}). */
    public String path() {
        return path;
    }

    /** The array that holds the records in a collection response. */
    public String collectionKey() {
        return collectionKey;
    }

    /** Constant Contact's id field, which becomes the normalized {@code id}. */
    public String idField() {
        return idField;
    }

    public static Optional<ConstantContactResource> byHubName(String name) {
        return Arrays.stream(values()).filter(r -> r.hubName.equals(name)).findFirst();
    }
}
