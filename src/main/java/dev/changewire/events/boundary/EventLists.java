package dev.changewire.events.boundary;

import dev.changewire.platform.control.Abbreviation;
import static dev.changewire.platform.control.JsonProviders.JSON;
import dev.changewire.platform.boundary.PageSize;
import dev.changewire.events.control.EventPageTokens;
import dev.changewire.events.control.EventQueries;
import dev.changewire.platform.control.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** What the event list and analytics calls share: paging, filters, buckets. */
@RequestScoped
class EventLists {

    static final String NEXT_PAGE_HEADER = "Elements-Next-Page-Token";
    static final int DEFAULT_PAGE_SIZE = 200;
    static final int MAX_PAGE_SIZE = 500;

    @Inject
    EventQueries queries;

    @Inject
    EventPageTokens tokens;

    Response list(long organizationId, Long instanceId, String objectType, String eventType, String from, String to,
            String pageSize, String nextPage) {
        int size = pageSize(pageSize);
        long before = nextPage == null || nextPage.isBlank() ? 0 : tokens.before(organizationId, nextPage);
        EventQueries.Filter filter = new EventQueries.Filter(instanceId, blankToNull(objectType), EventQueries.eventType(eventType),
                EventQueries.instant("from", from), EventQueries.instant("to", to));
        EventQueries.Page page = queries.list(organizationId, filter, before, size);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        page.events().forEach(e -> array.add(EventJson.of(e)));
        Response.ResponseBuilder response = Response.ok(array.build());
        if (page.lastId() != null) {
            response.header(NEXT_PAGE_HEADER, tokens.next(organizationId, page.lastId()));
        }
        return response.build();
    }

    Response analytics(long organizationId, Long instanceId, String from, String to, String interval) {
        Duration width = switch (interval == null || interval.isBlank() ? "hour" : interval.strip().toLowerCase(Locale.ROOT)) {
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            default -> throw ApiException.badRequest("interval '" + Abbreviation.of(interval) + "' must be minute, hour or day");
        };
        Instant end = EventQueries.instant("to", to);
        Instant start = EventQueries.instant("from", from);
        if (end == null) {
            end = Instant.now();
        }
        if (start == null) {
            start = end.minus(Duration.ofDays(1));
        }
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("from must be before to");
        }
        List<EventQueries.Bucket> buckets = queries.analytics(organizationId, instanceId, start, end, width);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (EventQueries.Bucket b : buckets) {
            var byType = JSON.createObjectBuilder();
            b.byType().forEach((type, count) -> byType.add(type.name(), count));
            array.add(JSON.createObjectBuilder().add("timestamp", b.timestamp().toString()).add("count", b.count())
                    .add("byEventType", byType));
        }
        return Response.ok(array.build()).build();
    }

    static int pageSize(String pageSize) {
        return PageSize.parse(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }

    static long eventId(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Event " + Abbreviation.of(id) + " does not exist");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
