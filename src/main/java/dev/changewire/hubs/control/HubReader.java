package dev.changewire.hubs.control;

import dev.changewire.hubs.entity.HubPage;
import dev.changewire.hubs.entity.HubQuery;
import jakarta.json.JsonObject;

/**
 * Reads one page of a marketing hub resource ({@code campaigns}, {@code contacts}, {@code lists})
 * of an instance: the single way into the provider for both the hub API and the poller. Declared here,
 * implemented by the element ({@code elements.constantcontact.control.ConstantContactHub}).
 */
public interface HubReader {

    /** The hub's page size when a call gives none. */
    int DEFAULT_PAGE_SIZE = 200;
    int MAX_PAGE_SIZE = 500;

    /**
     * @throws dev.changewire.platform.control.ApiException 400 for a bad query (CEQL syntax with its
     *         position, bad pageSize, orderBy or fields, or a tampered nextPage token); 404 for an unknown resource
     * @throws dev.changewire.hubs.entity.ProviderUnavailable when the provider cannot answer
     */
    HubPage read(long instanceId, String resource, HubQuery query);

    /** One record by the provider's id, normalized; {@code fields} (a projection, may be null) applies. */
    JsonObject readOne(long instanceId, String resource, String id, String fields);
}
