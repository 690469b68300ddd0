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
import dev.changewire.sandbox.control.ProviderError;
import dev.changewire.sandbox.entity.StoredRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A list request: its own query, or, when it follows a {@code cursor}, the query the cursor carries
 * (so the filters and limit of the first page hold for every page), and where to continue.
 * <p>
 * {@code /v3/emails} pages as Constant Contact's recorded campaign links do:
 * {@code /v3/emails?limit=1&next=MQ**&after_date=...}, the position in an opaque {@code next} parameter
 * (base64 with {@code *} for padding) and the filters repeated as plain parameters beside it. A client that
 * only knows {@code cursor} links cannot follow these.
 */
record PageRequest(String collection, QueryParameters query, String after) {

    static final String EMAILS = "emails";
    static final String FOREIGN_HOST = "http://elsewhere.invalid";
    private static final List<String> EMAIL_FILTERS = List.of("limit", "after_date", "before_date");

    static PageRequest of(String collection, UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        uri.getQueryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                params.put(k, v.get(0));
            }
        });
        if (EMAILS.equals(collection) && params.containsKey("next")) {
            String after = NextToken.decode(params.remove("next"));
            return new PageRequest(collection, new QueryParameters(params), after);
        }
        String cursor = params.remove("cursor");
        if (cursor != null) {
            Cursor c = Cursor.decode(collection, cursor);
            return new PageRequest(collection, new QueryParameters(c.query()), c.after());
        }
        return new PageRequest(collection, new QueryParameters(params), null);
    }

    /** The response body: the records under {@code arrayName}, the count when asked, and {@code _links.next} while more exist. */
    JsonObject body(String arrayName, String countName, Listing.Page page, Function<StoredRecord, JsonObject> view) {
        return body(arrayName, countName, page, view, false);
    }

    /** @param foreignLinks next links on another host ({@code AccountBehaviour#foreignNextLinks()}): links a client must refuse */
    JsonObject body(String arrayName, String countName, Listing.Page page,
            Function<StoredRecord, JsonObject> view, boolean foreignLinks) {
        JsonArrayBuilder records = JSON.createArrayBuilder();
        page.records().forEach(r -> records.add(view.apply(r)));
        JsonObjectBuilder body = JSON.createObjectBuilder().add(arrayName, records);
        if (countName != null && query.bool("include_count")) {
            body.add(countName, page.total());
        }
        page.nextAfter().ifPresent(after -> body.add("_links", JSON.createObjectBuilder()
                .add("next", JSON.createObjectBuilder().add("href", (foreignLinks ? FOREIGN_HOST : "") + nextHref(after)))));
        return body.build();
    }

    private String nextHref(String after) {
        if (!EMAILS.equals(collection)) {
            return "/v3/" + collection + "?cursor=" + new Cursor(collection, query.values(), after).encode();
        }
        StringBuilder href = new StringBuilder("/v3/emails?");
        String limit = query.values().get("limit");
        if (limit != null) {
            href.append("limit=").append(encode(limit)).append('&');
        }
        href.append("next=").append(NextToken.encode(after));
        for (String name : EMAIL_FILTERS.subList(1, EMAIL_FILTERS.size())) {
            String value = query.values().get(name);
            if (value != null) {
                href.append('&').append(name).append('=').append(encode(value));
            }
        }
        return href.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The opaque {@code next} of campaign links: base64 of the position, {@code *} for its padding ("MQ**"). */
    static final class NextToken {
        private static final int MAX_LENGTH = 2048;

        private NextToken() {
        }

        static String encode(String after) {
            return Base64.getEncoder().encodeToString(after.getBytes(StandardCharsets.UTF_8))
                    .replace('=', '*').replace('+', '-').replace('/', '_');
        }

        static String decode(String token) {
            if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
                throw invalid();
            }
            try {
                return new String(Base64.getDecoder().decode(token.trim().replace('*', '=').replace('-', '+').replace('_', '/')),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid();
            }
        }

        private static RuntimeException invalid() {
            return ProviderError.invalidParameter(
                    "The next parameter is not valid: follow _links.next.href exactly as returned");
        }
    }
}
