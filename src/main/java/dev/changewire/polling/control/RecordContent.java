package dev.changewire.polling.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * The content hash of a polled record: SHA-256 over a canonical form (object keys sorted, arrays in
 * their order), so the same record read twice hashes the same whatever order the provider wrote its keys
 * in, and two versions with the same updated date but different content hash differently.
 * <p>
 * Fields that change on every read without the record changing are left out at any depth:
 * {@code _links} (paging and self links) and the derived counts {@code membership_count} and
 * {@code contact_count} (they move when members join, not when the record is edited). Otherwise a
 * re-read of an unchanged record would look like a new version.
 */
public final class RecordContent {

    static final Set<String> VOLATILE_FIELDS = Set.of("_links", "membership_count", "contact_count");
    private static final int MAX_DEPTH = 64;

    private RecordContent() {
    }

    /** 64 lowercase hex digits. */
    public static String hash(JsonObject record) {
        StringBuilder canonical = new StringBuilder(256);
        write(record, canonical, 0);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void write(JsonValue value, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            // records deeper than this are not real provider records; their depth alone stands in
            out.append("\"<deep>\"");
            return;
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                out.append('{');
                boolean first = true;
                for (String key : new TreeSet<>(object.keySet())) {
                    if (VOLATILE_FIELDS.contains(key)) {
                        continue;
                    }
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(jsonString(key)).append(':');
                    write(object.get(key), out, depth + 1);
                }
                out.append('}');
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                out.append('[');
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(array.get(i), out, depth + 1);
                }
                out.append(']');
            }
            case STRING -> out.append(jsonString(((JsonString) value).getString()));
            default -> out.append(value);
        }
    }

    private static String jsonString(String s) {
        return JSON.createValue(s).toString();
    }
}
