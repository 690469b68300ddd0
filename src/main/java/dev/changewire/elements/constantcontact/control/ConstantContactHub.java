package dev.changewire.elements.constantcontact.control;

import dev.changewire.hubs.control.CeqlEvaluator;
import dev.changewire.hubs.control.CeqlParser;
import dev.changewire.hubs.control.HubPageTokens;
import dev.changewire.hubs.control.HubReader;
import dev.changewire.hubs.control.OrderBy;
import dev.changewire.hubs.control.Projection;
import dev.changewire.hubs.entity.Condition;
import dev.changewire.hubs.entity.HubPage;
import dev.changewire.hubs.entity.HubQuery;
import dev.changewire.hubs.entity.ProviderUnavailable;
import dev.changewire.instances.control.Instances;
import dev.changewire.platform.control.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import java.net.URI;

/**
 * The marketing hub over Constant Contact: plans the {@code where} (pushed down where Constant
 * Contact can filter, the whole clause evaluated again on the normalized records), reads provider
 * pages until the hub page is full, and says where the next hub page starts.
 * <p>
 * A hub page reads at most {@code changewire.constantcontact.max-pages-per-read} provider pages
 * (default 10): a selective residual filter over a long listing then answers a short (even empty) page
 * with a next-page token, rather than holding the caller for minutes. {@code orderBy} sorts within the
 * page (Constant Contact's own order across pages: campaigns newest-updated first, contacts and lists
 * oldest-created first). Safe for any thread: the poller calls it without a request scope.
 */
@ApplicationScoped
public class ConstantContactHub implements HubReader {

    /** Constant Contact's largest page. */
    static final int PROVIDER_MAX_LIMIT = 500;
    static final int DEFAULT_MAX_PAGES = 10;
    static final int MAX_ID_LENGTH = 200;
    private static final Logger LOG = Logger.getLogger(ConstantContactHub.class.getName());

    @Inject
    Instances instances;

    @Inject
    ConstantContactClient client;

    @Inject
    HubPageTokens pageTokens;

    @Inject
    CeqlParser parser;

    @Inject
    Config config;

    @Inject
    ConstantContactEndpoints endpoints;

    @Override
    public HubPage read(long instanceId, String resourceName, HubQuery query) {
        ConstantContactResource resource = resource(resourceName);
        int pageSize = pageSize(query.pageSize());
        String where = query.where();
        Condition condition = where == null || where.isBlank() ? null : parser.parse(where);
        OrderBy orderBy = OrderBy.parse(query.orderBy());
        Projection projection = Projection.parse(query.fields());
        ConstantContactQuery plan = ConstantContactPushDown.plan(resource, condition);
        HubPageTokens.Position start = query.nextPage() == null || query.nextPage().isBlank()
                ? new HubPageTokens.Position(null, 0, plan.residual() == null ? pageSize : PROVIDER_MAX_LIMIT)
                : pageTokens.read(instanceId, resource.hubName(), where, query.orderBy(), query.nextPage());
        Instances.Connection connection = connection(instanceId);
        int maxPages = config.getOptionalValue("changewire.constantcontact.max-pages-per-read", Integer.class).orElse(DEFAULT_MAX_PAGES);

        List<JsonObject> records = new ArrayList<>();
        String href = start.href();
        int skip = start.skip();
        int limit = Math.max(1, Math.min(PROVIDER_MAX_LIMIT, start.limit()));
        HubPageTokens.Position next = null;
        for (int page = 0; page < Math.max(1, maxPages); page++) {
            ProviderRequest request = href == null ? ProviderRequest.firstPage(resource, plan.parameters(), limit) : next(resource, href, endpoints.apiUrl());
            JsonObject body = client.get(connection, request);
            List<JsonObject> raw = records(body, resource);
            String nextHref = nextHref(body);
            next = null;
            for (int i = skip; i < raw.size(); i++) {
                JsonObject record = RecordNormalizer.normalize(resource, raw.get(i)).record();
                if (plan.residual() == null || CeqlEvaluator.matches(plan.residual(), record)) {
                    records.add(record);
                }
                if (records.size() >= pageSize) {
                    if (i + 1 < raw.size()) {
                        next = new HubPageTokens.Position(href, i + 1, limit);
                    } else if (nextHref != null) {
                        next = new HubPageTokens.Position(nextHref, 0, limit);
                    }
                    return page(instanceId, resource, query, orderBy, projection, records, next);
                }
            }
            if (nextHref == null) {
                return page(instanceId, resource, query, orderBy, projection, records, null);
            }
            href = nextHref;
            skip = 0;
            next = new HubPageTokens.Position(nextHref, 0, limit);
        }
        LOG.fine(() -> "Hub read of " + resource.hubName() + " stopped after " + maxPages + " provider pages");
        return page(instanceId, resource, query, orderBy, projection, records, next);
    }

    /** One record by its Constant Contact id, normalized; {@code fields} applies. */
    @Override
    public JsonObject readOne(long instanceId, String resourceName, String id, String fields) {
        ConstantContactResource resource = resource(resourceName);
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest("The record id must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        Projection projection = Projection.parse(fields);
        JsonObject body = client.get(connection(instanceId), ProviderRequest.one(resource, id));
        return projection.apply(RecordNormalizer.normalize(resource, body).record());
    }

    private HubPage page(long instanceId, ConstantContactResource resource, HubQuery query, OrderBy orderBy, Projection projection,
            List<JsonObject> records, HubPageTokens.Position next) {
        if (!orderBy.isEmpty()) {
            records.sort(orderBy.comparator());
        }
        List<JsonObject> shown = projection.isAll() ? List.copyOf(records) : records.stream().map(projection::apply).toList();
        String token = next == null ? null : pageTokens.issue(instanceId, resource.hubName(), query.where(), query.orderBy(), next);
        return new HubPage(shown, token);
    }

    private Instances.Connection connection(long instanceId) {
        return instances.connection(instanceId).orElseThrow(() -> new ProviderUnavailable(ProviderUnavailable.Kind.INVALID_CREDENTIALS,
                "Element instance " + instanceId + " does not exist", 0, null, null));
    }

    static ConstantContactResource resource(String name) {
        return ConstantContactResource.byHubName(name).orElseThrow(() -> ApiException.notFound(
                "The marketing hub has no resource '" + abbreviate(name) + "': use campaigns, contacts or lists"));
    }

    static int pageSize(Integer pageSize) {
        if (pageSize == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("pageSize must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        return pageSize;
    }

    private static ProviderRequest next(ConstantContactResource resource, String href, String apiUrl) {
        try {
            return ProviderRequest.nextPage(resource, href, URI.create(apiUrl));
        } catch (IllegalArgumentException e) {
            throw new ProviderUnavailable(ProviderUnavailable.Kind.PROVIDER_ERROR, "Constant Contact's next-page link is unusable: "
                    + e.getMessage(), 200, null, null);
        }
    }

    private static List<JsonObject> records(JsonObject body, ConstantContactResource resource) {
        JsonValue value = body.get(resource.collectionKey());
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new ProviderUnavailable(ProviderUnavailable.Kind.PROVIDER_ERROR, "Constant Contact's " + resource.collectionKey()
                    + " is not an array", 200, null, null);
        }
        return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    static String nextHref(JsonObject body) {
        if (body.get("_links") instanceof JsonObject links && links.get("next") instanceof JsonObject next
                && next.get("href") instanceof JsonString href && !href.getString().isBlank()) {
            return href.getString();
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
