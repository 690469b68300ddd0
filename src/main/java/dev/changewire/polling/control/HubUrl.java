package dev.changewire.polling.control;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.hubs.entity.HubQuery;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A poller URL after placeholder expansion, read as the hub read it would make:
 * {@code /hubs/marketing/<resource>?where=...&orderBy=...&fields=...&pageSize=...}. The poller reads
 * Constant Contact only through the hub, so it sees exactly what an API client of the hub sees.
 *
 * @param resource the hub resource (campaigns, contacts, lists)
 * @param query    where, orderBy, fields and pageSize; no page token
 */
public record HubUrl(String resource, HubQuery query) {

    public static final String MARKETING = "/hubs/marketing/";
    private static final int MAX_PARAMETERS = 20;

    public HubUrl {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(query, "query");
    }

    /**
     * @param url             the expanded URL
     * @param defaultPageSize the resource's pageSize, used when the URL has none
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static HubUrl parse(String url, int defaultPageSize) {
        Objects.requireNonNull(url, "url");
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String queryString = question < 0 ? "" : url.substring(question + 1);
        int hash = queryString.indexOf('#');
        if (hash >= 0) {
            queryString = queryString.substring(0, hash);
        }
        if (!path.startsWith(MARKETING)) {
            throw new IllegalArgumentException("url '" + Abbreviation.of(path) + "' is not a marketing hub path; use " + MARKETING + "<resource>");
        }
        String resource = path.substring(MARKETING.length());
        if (resource.endsWith("/")) {
            resource = resource.substring(0, resource.length() - 1);
        }
        if (resource.isEmpty() || resource.contains("/")) {
            throw new IllegalArgumentException("url '" + Abbreviation.of(path) + "' must name one resource: " + MARKETING + "<resource>");
        }
        String where = null;
        String orderBy = null;
        String fields = null;
        Integer pageSize = null;
        if (!queryString.isEmpty()) {
            String[] parameters = queryString.split("&");
            if (parameters.length > MAX_PARAMETERS) {
                throw new IllegalArgumentException("url has more than " + MAX_PARAMETERS + " query parameters");
            }
            for (String parameter : parameters) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
                String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "where" -> where = value;
                    case "orderby" -> orderBy = value;
                    case "fields" -> fields = value;
                    case "pagesize" -> pageSize = pageSize(value);
                    default -> throw new IllegalArgumentException("url has the query parameter '" + name
                            + "', which the hub does not take; use where, orderBy, fields or pageSize");
                }
            }
        }
        return new HubUrl(resource, new HubQuery(blankToNull(where), blankToNull(orderBy), blankToNull(fields),
                pageSize == null ? defaultPageSize : pageSize, null));
    }

    private static Integer pageSize(String value) {
        try {
            int size = Integer.parseInt(value.strip());
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("url's pageSize '" + Abbreviation.of(value) + "' is not a positive whole number");
    }

    /** Percent-decoding; a '+' stays a '+' (query values such as dates carry offsets, not form-encoded spaces). */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url has a malformed percent-encoding in '" + Abbreviation.of(text) + "'", e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
