package dev.changewire.events.control;

import dev.changewire.platform.control.Abbreviation;
import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.events.entity.ChangeType;
import dev.changewire.platform.control.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads recorded events for the events API, always within one organization. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EventQueries {

    public static final int MAX_BUCKETS = 10_000;

    /** The list filters; null members do not filter. */
    public record Filter(Long instanceId, String objectType, ChangeType eventType, Instant from, Instant to) {
    }

    public record Page(List<ChangeEvent> events, Long lastId) {
    }

    /** One analytics bucket: its start, its count, and the count per event type. */
    public record Bucket(Instant timestamp, long count, Map<ChangeType, Long> byType) {
    }

    @PersistenceContext
    EntityManager em;

    /** Newest first: ids below {@code beforeId} (0: from the newest). */
    public Page list(long organizationId, Filter filter, long beforeId, int pageSize) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM ChangeEvent e WHERE e.organizationId = :org");
        if (beforeId > 0) {
            jpql.append(" AND e.id < :before");
        }
        if (filter.instanceId() != null) {
            jpql.append(" AND e.instanceId = :instance");
        }
        if (filter.objectType() != null) {
            jpql.append(" AND e.objectType = :objectType");
        }
        if (filter.eventType() != null) {
            jpql.append(" AND e.eventType = :eventType");
        }
        if (filter.from() != null) {
            jpql.append(" AND e.detectedAt >= :from");
        }
        if (filter.to() != null) {
            jpql.append(" AND e.detectedAt < :to");
        }
        jpql.append(" ORDER BY e.id DESC");
        TypedQuery<ChangeEvent> query = em.createQuery(jpql.toString(), ChangeEvent.class).setParameter("org", organizationId);
        if (beforeId > 0) {
            query.setParameter("before", beforeId);
        }
        if (filter.instanceId() != null) {
            query.setParameter("instance", filter.instanceId());
        }
        if (filter.objectType() != null) {
            query.setParameter("objectType", filter.objectType());
        }
        if (filter.eventType() != null) {
            query.setParameter("eventType", filter.eventType());
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.from());
        }
        if (filter.to() != null) {
            query.setParameter("to", filter.to());
        }
        List<ChangeEvent> events = new ArrayList<>(query.setMaxResults(pageSize + 1).getResultList());
        boolean more = events.size() > pageSize;
        if (more) {
            events = events.subList(0, pageSize);
        }
        return new Page(events, more ? events.get(events.size() - 1).getId() : null);
    }

    public Optional<ChangeEvent> find(long organizationId, Long instanceId, long eventId) {
        ChangeEvent event = em.find(ChangeEvent.class, eventId);
        if (event == null || event.getOrganizationId() != organizationId
                || (instanceId != null && event.getInstanceId() != instanceId)) {
            return Optional.empty();
        }
        return Optional.of(event);
    }

    /** Event counts per bucket of {@code interval} in [from, to), empty buckets included. */
    public List<Bucket> analytics(long organizationId, Long instanceId, Instant from, Instant to, Duration interval) {
        long width = interval.toSeconds();
        long firstBucket = Math.floorDiv(from.getEpochSecond(), width);
        long lastBucket = Math.floorDiv(to.getEpochSecond() - 1, width);
        if (lastBucket - firstBucket + 1 > MAX_BUCKETS) {
            throw ApiException.badRequest("from and to span more than " + MAX_BUCKETS + " buckets of " + interval
                    + "; choose a larger interval or a shorter range");
        }
        // the width comes from a fixed set (minute, hour, day), never from the caller's text
        String bucket = "FLOOR(EXTRACT(EPOCH FROM detected_at) / " + width + ")";
        String sql = "SELECT " + bucket + ", event_type, COUNT(*) FROM change_event WHERE organization_id = ?1"
                + " AND detected_at >= ?2 AND detected_at < ?3" + (instanceId == null ? "" : " AND instance_id = ?4")
                + " GROUP BY " + bucket + ", event_type";
        var query = em.createNativeQuery(sql)
                .setParameter(1, organizationId)
                .setParameter(2, from.atOffset(ZoneOffset.UTC))
                .setParameter(3, to.atOffset(ZoneOffset.UTC));
        if (instanceId != null) {
            query.setParameter(4, instanceId);
        }
        Map<Long, Map<ChangeType, Long>> counts = new LinkedHashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            long b = ((Number) columns[0]).longValue();
            ChangeType type = ChangeType.valueOf((String) columns[1]);
            counts.computeIfAbsent(b, k -> new LinkedHashMap<>()).merge(type, ((Number) columns[2]).longValue(), Long::sum);
        }
        List<Bucket> buckets = new ArrayList<>();
        for (long b = firstBucket; b <= lastBucket; b++) {
            Map<ChangeType, Long> byType = counts.getOrDefault(b, Map.of());
            buckets.add(new Bucket(Instant.ofEpochSecond(b * width), byType.values().stream().mapToLong(Long::longValue).sum(), byType));
        }
        return buckets;
    }

    /** Parses a from/to parameter: an ISO-8601 instant or date-time with offset, or epoch milliseconds. */
    public static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest(name + " '" + Abbreviation.of(value) + "' is not an ISO-8601 date-time with offset (e.g. 2026-11-27T13:00:00Z)"
                    + " nor epoch milliseconds");
        }
    }

    public static ChangeType eventType(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ChangeType.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("eventType '" + text + "' must be one of CREATED, UPDATED, DELETED");
        }
    }
}
