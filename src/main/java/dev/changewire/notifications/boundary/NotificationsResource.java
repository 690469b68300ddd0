package dev.changewire.notifications.boundary;

import dev.changewire.platform.control.Abbreviation;
import static dev.changewire.platform.control.JsonProviders.JSON;
import dev.changewire.platform.boundary.PageSize;
import dev.changewire.notifications.control.Deliverer;
import dev.changewire.notifications.control.NotificationPageTokens;
import dev.changewire.notifications.control.NotificationQueries;
import dev.changewire.notifications.control.Redelivery;
import dev.changewire.notifications.entity.Notification;
import dev.changewire.notifications.entity.NotificationStatus;
import dev.changewire.platform.control.ApiException;
import dev.changewire.tenancy.control.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The delivery log and its controls: notifications with their events and attempts, and redelivery.
 * Scoped to the caller's organization. An instance's own log is {@link InstanceNotificationsResource}:
 * a root path of its own, not {@code instances} shared with the instances resource, because RESTEasy
 * (WildFly) picks one class per root path and would answer {@code instances/notifications} with {@code instances/{id}}.
 */
@Path("instances/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    public static final String NEXT_PAGE_HEADER = "Elements-Next-Page-Token";
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    @Inject
    Caller caller;

    @Inject
    NotificationQueries queries;

    @Inject
    NotificationPageTokens pageTokens;

    @Inject
    Redelivery redelivery;

    @Inject
    Deliverer deliverer;

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("pageSize") String pageSize,
            @QueryParam("nextPage") String nextPage) {
        return page(queries, pageTokens, caller.organizationId(), null, status, pageSize, nextPage);
    }

    @GET
    @Path("{notificationId}")
    public JsonObject one(@PathParam("notificationId") String notificationId) {
        return NotificationJson.of(queries.one(caller.organizationId(), notificationId));
    }

    @POST
    @Path("{notificationId}/redeliver")
    public JsonObject redeliver(@PathParam("notificationId") String notificationId) {
        long organizationId = caller.organizationId();
        Notification n = redelivery.one(organizationId, notificationId);
        deliverer.schedule(organizationId, n.getInstanceId());
        return NotificationJson.of(queries.one(organizationId, notificationId));
    }

    /** A page of the organization's notifications, or of one instance's. */
    static Response page(NotificationQueries queries, NotificationPageTokens pageTokens, long organizationId, Long instanceId,
            String status, String pageSize, String nextPage) {
        NotificationPageTokens.Position after = nextPage == null || nextPage.isBlank() ? null : pageTokens.after(organizationId, nextPage);
        Set<NotificationStatus> statuses = status == null || status.isBlank() ? Set.of() : statuses(status);
        NotificationQueries.Page page = queries.page(organizationId, instanceId, statuses, after, pageSize(pageSize));
        JsonArrayBuilder array = JSON.createArrayBuilder();
        page.notifications().forEach(d -> array.add(NotificationJson.of(d)));
        Response.ResponseBuilder response = Response.ok(array.build());
        if (page.next() != null) {
            response.header(NEXT_PAGE_HEADER, pageTokens.next(organizationId, page.next()));
        }
        return response.build();
    }

    /** The caller's instance, or 404. */
    static Set<NotificationStatus> statuses(String text) {
        Set<NotificationStatus> statuses = EnumSet.noneOf(NotificationStatus.class);
        for (String part : text.split(",", 20)) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                statuses.add(NotificationStatus.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status '" + Abbreviation.of(part.trim()) + "' is not one of PENDING, RETRYING, DELIVERED, FAILED, QUEUED");
            }
        }
        return statuses;
    }

    static Instant date(String parameter, String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException again) {
                throw ApiException.badRequest(parameter + " must be an ISO-8601 date-time such as 2026-11-27T13:00:00Z, got '" + Abbreviation.of(text) + "'");
            }
        }
    }

    static int pageSize(String pageSize) {
        return PageSize.parse(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    }
}
