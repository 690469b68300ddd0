package dev.changewire.sandbox.boundary;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.sandbox.control.Cursor;
import dev.changewire.sandbox.control.Listing;
import dev.changewire.sandbox.control.QueryParameters;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * A list request: its own query, or, when it follows a {@code cursor}, the query the cursor carries
 * (so the filters and limit of the first page hold for every page), and where to continue.
 */
record PageRequest(String collection, QueryParameters query, String after) {

    static PageRequest of(String collection, UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        String cursor = params.remove("cursor");
        if (cursor != null) {
            Cursor c = Cursor.decode(collection, cursor);
            return new PageRequest(collection, new QueryParameters(c.query()), c.after());
        }
        return new PageRequest(collection, new QueryParameters(params), null);
    }

    /** The response body: the records under {@code arrayName}, the count when asked, and {@code _links.next} while more exist. */
    JsonObject body(String arrayName, String countName, Listing.Page page, java.util.function.Function<dev.changewire.sandbox.entity.StoredRecord, JsonObject> view) {
        JsonArrayBuilder records = JSON.createArrayBuilder();
        page.records().forEach(r -> records.add(view.apply(r)));
        JsonObjectBuilder body = JSON.createObjectBuilder().add(arrayName, records);
        if (countName != null && query.bool("include_count")) {
            body.add(countName, page.total());
        }
        page.nextAfter().ifPresent(after -> body.add("_links", JSON.createObjectBuilder()
                .add("next", JSON.createObjectBuilder()
                        .add("href", "/v3/" + collection + "?cursor=" + new Cursor(collection, query.values(), after).encode()))));
        return body.build();
    }
}
