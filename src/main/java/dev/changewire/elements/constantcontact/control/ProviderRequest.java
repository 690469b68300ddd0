package dev.changewire.elements.constantcontact.control;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;

/**
 * One read of Constant Contact: a collection page (with query parameters), a page a
 * {@code _links.next.href} names (sent as given: {@code next} is that page's whole address), or a single
 * record by id.
 */
public record ProviderRequest(ConstantContactResource resource, String id, Map<String, List<String>> parameters, URI next) {

    static final int MAX_LINK_LENGTH = 8192;

    public ProviderRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        parameters = Collections.unmodifiableMap(copy);
    }

    public ProviderRequest(ConstantContactResource resource, String id, Map<String, List<String>> parameters) {
        this(resource, id, parameters, null);
    }

    /** The first page of a planned query, {@code limit} records per page. */
    public static ProviderRequest firstPage(ConstantContactResource resource, Map<String, List<String>> parameters, int limit) {
        Map<String, List<String>> all = new LinkedHashMap<>(parameters);
        all.put("limit", List.of(Integer.toString(limit)));
        return new ProviderRequest(resource, null, all);
    }

    /**
     * The page a {@code _links.next.href} names. A provider's next link is opaque: whatever its
     * parameters ({@code cursor=...}, or campaigns' {@code limit=1&next=MQ**&after_date=...}) it is
     * followed as given, but only to the same collection of the same API: a relative link or one on the
     * API's own scheme, host and port, whose path ends in the API's version segment and the collection's
     * path ({@code /v3/contacts}). Anything else is refused with a message that names the link.
     *
     * @param apiUrl the API URL the element calls (ending in {@code /v3})
     */
    public static ProviderRequest nextPage(ConstantContactResource resource, String href, URI apiUrl) {
        if (href == null || href.isBlank()) {
            throw new IllegalArgumentException("the next page link is empty");
        }
        if (href.length() > MAX_LINK_LENGTH) {
            throw new IllegalArgumentException("the next page link " + abbreviate(href) + " is longer than " + MAX_LINK_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(href.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the next page link " + abbreviate(href) + " is not a URI");
        }
        if (uri.isOpaque() || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the next page link " + abbreviate(href) + " is not a plain path and query");
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null) {
            boolean sameOrigin = apiUrl.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                    && apiUrl.getHost() != null && apiUrl.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                    && port(apiUrl) == port(uri) && uri.getRawUserInfo() == null;
            if (!sameOrigin) {
                throw new IllegalArgumentException("the next page link " + abbreviate(href) + " leaves the API host " + apiUrl.getHost());
            }
        }
        String path = uri.getRawPath();
        String expected = versionSegment(apiUrl) + resource.path();
        if (path == null || !path.endsWith(expected) || path.contains("/../") || path.contains("/./")) {
            throw new IllegalArgumentException("the next page link " + abbreviate(href) + " is not in " + expected);
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
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        String base = apiUrl.toString().replaceAll("/+$", "");
        URI target = URI.create(base + resource.path() + (query == null ? "" : "?" + query));
        return new ProviderRequest(resource, null, parameters, target);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** "/v3" of "https://api.cc.email/v3": links name the collection below the version, relative to the host. */
    private static String versionSegment(URI apiUrl) {
        String path = apiUrl.getRawPath() == null ? "" : apiUrl.getRawPath().replaceAll("/+$", "");
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(slash);
    }

    public static ProviderRequest one(ConstantContactResource resource, String id) {
        return new ProviderRequest(resource, id, Map.of());
    }

    public boolean isSingle() {
        return id != null;
    }

    /** Whether it is a next-page link, sent as given ({@link #next()}) rather than through {@link ConstantContactApi}. */
    public boolean isNextPage() {
        return next != null;
    }

    /** Sends a first page or a single read; {@code bearer} is the whole Authorization header value. */
    Response send(ConstantContactApi api, String bearer) {
        if (next != null) {
            throw new IllegalStateException("a next-page link is sent as given, not through the API interface");
        }
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
        return "GET " + resource.path() + (id != null ? "/{id}" : parameters.isEmpty() ? "" : "?" + String.join("&", parameters.keySet()))
                + (next != null ? " (next page)" : "");
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
