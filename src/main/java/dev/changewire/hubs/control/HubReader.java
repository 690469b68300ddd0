package dev.changewire.hubs.control;

import dev.changewire.hubs.entity.HubPage;
import dev.changewire.hubs.entity.HubQuery;

/**
 * Reads one page of a marketing hub resource ({@code campaigns}, {@code contacts}, {@code lists})
 * of an instance: the single way into the provider for both the hub API and the poller.
 */
public interface HubReader {

    /**
     * @throws dev.changewire.platform.control.ApiException 400 for a bad query (CEQL syntax with its
     *         position, bad pageSize, orderBy or fields, or a tampered nextPage token); 404 for an unknown resource
     * @throws dev.changewire.hubs.entity.ProviderUnavailable when the provider cannot answer
     */
    HubPage read(long instanceId, String resource, HubQuery query);
}
