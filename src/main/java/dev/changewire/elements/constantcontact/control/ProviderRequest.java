package dev.changewire.elements.constantcontact.control;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One read of Constant Contact: a collection page (with query parameters, or a {@code cursor} from a
 * {@code _links.next.href}) or a single record by id.
 */
public record ProviderRequest(ConstantContactResource resource, String id, Map<String, List<String>> parameters) {

    private static final Logger LOG = Logger.getLogger(ProviderRequest.class.getName());

    /** The parameters each collection takes (the rest of an href is dropped, with a warning). */
    static final Map<ConstantContactResource, Set<String>> KNOWN = Map.of(
            ConstantContactResource.CAMPAIGNS, Set.of("cursor", "limit", "after_date", "before_date"),
            ConstantContactResource.CONTACTS, Set.of("cursor", "limit", "status", "email", "lists", "updated_after", "updated_before",
                    "created_after", "created_before", "include", "include_count"),
            ConstantContactResource.LISTS, Set.of("cursor", "limit", "name", "status", "include_count", "include_membership_count"));

    public ProviderRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        parameters = java.util.Collections.unmodifiableMap(copy);
    }

    /** The first page of a planned query, {@code limit} records per page. */
    public static ProviderRequest firstPage(ConstantContactResource resource, Map<String, List<String>> parameters, int limit) {
        Map<String, List<String>> all = new LinkedHashMap<>(parameters);
        all.put("limit", List.of(Integer.toString(limit)));
        return new ProviderRequest(resource, null, all);
    }

    /**
     * The page a {@code _links.next.href} names ({@code /v3/contacts?cursor=...}, relative to the API host).
     * Only an href to the same collection is followed: anything else is the provider's error.
     */
    public static ProviderRequest nextPage(ConstantContactResource resource, String href) {
        URI uri;
        try {
            uri = URI.create(href);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URI: " + abbreviate(href));
        }
        String path = uri.getRawPath();
        if (path == null || !path.endsWith(resource.path())) {
            throw new IllegalArgumentException("the next page " + abbreviate(href) + " is not in " + resource.path());
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (KNOWN.get(resource).contains(name)) {
                    parameters.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
                } else {
                    LOG.warning(() -> "Dropping the unknown parameter '" + name + "' of a Constant Contact next-page link of " + resource.path());
                }
            }
        }
        if (!parameters.containsKey("cursor")) {
            throw new IllegalArgumentException("the next page " + abbreviate(href) + " has no cursor");
        }
        return new ProviderRequest(resource, null, parameters);
    }

    public static ProviderRequest one(ConstantContactResource resource, String id) {
        return new ProviderRequest(resource, id, Map.of());
    }

    public boolean isSingle() {
        return id != null;
    }

    /** Sends it; {@code bearer} is the whole Authorization header value. */
    Response send(ConstantContactApi api, String bearer) {
        if (id != null) {
            return switch (resource) {
                case CAMPAIGNS -> api.campaign(bearer, id);
                case CONTACTS -> api.contact(bearer, id);
                case LISTS -> api.list(bearer, id);
            };
        }
        return switch (resource) {
            case CAMPAIGNS -> api.campaigns(bearer, p("cursor"), limit(), p("after_date"), p("before_date"));
            case CONTACTS -> api.contacts(bearer, p("cursor"), limit(), p("status"), p("email"), p("lists"), p("updated_after"),
                    p("updated_before"), p("created_after"), p("created_before"), p("include"), p("include_count"));
            case LISTS -> api.lists(bearer, p("cursor"), limit(), p("name"), p("status"), p("include_count"),
                    p("include_membership_count"));
        };
    }

    /** Multi-valued parameters go as Constant Contact's comma lists. */
    String p(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private Integer limit() {
        String limit = p("limit");
        if (limit == null) {
            return null;
        }
        try {
            return Integer.valueOf(limit.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** For log lines: the call without values that could be personal data. */
    public String describe() {
        return "GET " + resource.path() + (id != null ? "/{id}" : parameters.isEmpty() ? "" : "?" + String.join("&", parameters.keySet()));
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
