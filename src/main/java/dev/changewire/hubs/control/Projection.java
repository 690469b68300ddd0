package dev.changewire.hubs.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.hubs.entity.FieldPath;
import dev.changewire.platform.control.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fields=id,name,email_address.address}: keeps only the named (dotted) fields of a record,
 * nested as they were. Naming a parent keeps all of it; absent fields are left out.
 */
public record Projection(List<FieldPath> fields) {

    public static final int MAX_LENGTH = 4096;
    public static final int MAX_FIELDS = 200;

    public Projection {
        fields = List.copyOf(fields);
    }

    /** Parses the parameter; null or blank means every field ({@link #isAll()}). */
    public static Projection parse(String fields) {
        if (fields == null || fields.isBlank()) {
            return new Projection(List.of());
        }
        if (fields.length() > MAX_LENGTH) {
            throw ApiException.badRequest("fields: longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = fields.split(",", -1);
        if (parts.length > MAX_FIELDS) {
            throw ApiException.badRequest("fields: more than " + MAX_FIELDS + " fields");
        }
        List<FieldPath> paths = new ArrayList<>();
        for (String part : parts) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                throw ApiException.badRequest("fields: empty field name in '" + FieldPathSyntax.abbreviate(fields) + "'");
            }
            paths.add(FieldPathSyntax.parse(trimmed, "fields"));
        }
        return new Projection(paths);
    }

    public boolean isAll() {
        return fields.isEmpty();
    }

    public JsonObject apply(JsonObject record) {
        if (isAll()) {
            return record;
        }
        Node root = new Node();
        for (FieldPath field : fields) {
            Node node = root;
            for (String segment : field.segments()) {
                if (node.whole) {
                    break;
                }
                node = node.children.computeIfAbsent(segment, s -> new Node());
            }
            node.whole = true;
            node.children.clear();
        }
        return root.project(record);
    }

    /** The requested paths as a tree; {@code whole} marks a field kept with everything under it. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        boolean whole;

        JsonObject project(JsonObject object) {
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            for (Map.Entry<String, Node> child : children.entrySet()) {
                JsonValue value = object.get(child.getKey());
                if (value == null) {
                    continue;
                }
                if (child.getValue().whole) {
                    builder.add(child.getKey(), value);
                } else if (value instanceof JsonObject nested) {
                    builder.add(child.getKey(), child.getValue().project(nested));
                }
            }
            return builder.build();
        }
    }
}
