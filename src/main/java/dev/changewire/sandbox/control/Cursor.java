package dev.changewire.sandbox.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import jakarta.json.JsonException;

/**
 * A paging cursor as Constant Contact hands them out in {@code _links.next.href}: opaque to the
 * client, it carries the collection, the original query (filters, limit) and the sort key of the
 * last record served, so following it continues the same listing after that record (keyset paging:
 * records written meanwhile neither shift nor repeat the pages).
 */
public record Cursor(String collection, Map<String, String> query, String after) {

    static final int MAX_LENGTH = 8192;

    public Cursor {
        query = Map.copyOf(new TreeMap<>(query));
    }

    public String encode() {
        JsonObjectBuilder q = JSON.createObjectBuilder();
        new TreeMap<>(query).forEach(q::add);
        String json = JSON.createObjectBuilder().add("c", collection).add("q", q).add("a", after).build().toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of the given collection; anything else is a 400 naming the parameter. */
    public static Cursor decode(String collection, String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            JsonObject object;
            try (var reader = JSON.createReader(new StringReader(json))) {
                object = reader.readObject();
            }
            if (!collection.equals(object.getString("c"))) {
                throw invalid();
            }
            Map<String, String> query = new TreeMap<>();
            for (Map.Entry<String, JsonValue> e : object.getJsonObject("q").entrySet()) {
                query.put(e.getKey(), ((JsonString) e.getValue()).getString());
            }
            return new Cursor(collection, query, object.getString("a"));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | JsonException e) {
            throw invalid();
        }
    }

    private static ProviderError invalid() {
        return ProviderError.invalidParameter("The cursor is not valid: follow _links.next.href exactly as returned");
    }
}
