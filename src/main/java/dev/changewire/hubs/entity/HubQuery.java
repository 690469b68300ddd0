package dev.changewire.hubs.entity;

/**
 * A query of one marketing hub resource, as {@code GET /hubs/marketing/{resource}} takes it:
 * CEQL {@code where}, {@code orderBy}, {@code fields}, {@code pageSize} and the {@code nextPage} token.
 * The poller builds the same from its configured URL, so it reads exactly what an API client reads.
 */
public record HubQuery(String where, String orderBy, String fields, Integer pageSize, String nextPage) {

    public HubQuery withNextPage(String token) {
        return new HubQuery(where, orderBy, fields, pageSize, token);
    }
}
