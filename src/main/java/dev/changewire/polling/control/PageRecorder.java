package dev.changewire.polling.control;

import dev.changewire.events.control.EventLog;
import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.events.entity.ChangeType;
import dev.changewire.events.entity.EventStatus;
import dev.changewire.polling.entity.ObjectVersion;
import dev.changewire.polling.entity.PollPass;
import dev.changewire.polling.entity.PollTarget;
import dev.changewire.polling.entity.PollerResource;
import dev.changewire.polling.entity.ResourceCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Commits one page of one resource: its new events, the latest version of each object, the moved
 * cursor or pass progress, the counters and the extended lease, all in ONE transaction. A crash before
 * the commit leaves the last committed state, from which the page is read again; nothing is emitted twice.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class PageRecorder {

    /** Thrown when the run no longer holds its lease (it expired and another run took it): the page rolls back. */
    public static class LeaseLost extends RuntimeException {
        public LeaseLost(long instanceId) {
            super("The poll lease of instance " + instanceId + " was lost; the page is not recorded");
        }
    }

    /** What the page gave. */
    public record PageResult(int read, int recorded, Map<RecordReading.SkipReason, Integer> skipped, String lastSkip,
                             Map<ChangeType, Integer> byType, Optional<PollPass> pass) {
    }

    private static final int IN_CHUNK = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    EventLog eventLog;

    public PageResult record(PollTarget target, PollerResource resource, String owner, Instant leaseUntil, PollPass pass,
            List<JsonObject> records, String nextPage, Instant detectedAt) {
        long instanceId = target.instanceId();
        int extended = em.createNativeQuery("UPDATE poll_state SET lease_until = ?1 WHERE instance_id = ?2 AND lease_owner = ?3 AND lease_until IS NOT NULL")
                .setParameter(1, PollLease.utc(leaseUntil))
                .setParameter(2, instanceId)
                .setParameter(3, owner)
                .executeUpdate();
        if (extended != 1) {
            throw new LeaseLost(instanceId);
        }
        ResourceCursor cursor = em.find(ResourceCursor.class, new ResourceCursor.Key(instanceId, resource.name()));
        if (cursor == null) {
            // the resource was removed from the configuration while the run read it
            return new PageResult(0, 0, Map.of(), null, Map.of(), Optional.empty());
        }
        ChangeClassifier classifier = new ChangeClassifier(resource.createdCheckTolerance(), cursor.getBaseline(),
                target.classification());

        List<RecordChange> changes = new ArrayList<>();
        List<JsonObject> readable = new ArrayList<>();
        Map<RecordReading.SkipReason, Integer> skipped = new EnumMap<>(RecordReading.SkipReason.class);
        String lastSkip = null;
        for (JsonObject record : records) {
            RecordReading reading = RecordDates.read(resource, record);
            if (reading.isSkipped()) {
                skipped.merge(reading.skip(), 1, Integer::sum);
                lastSkip = reading.skip() + ": " + reading.detail();
                continue;
            }
            changes.add(reading.change().withContentHash(RecordContent.hash(record)));
            readable.add(record);
        }
        Map<String, ObjectVersion> versions = versions(instanceId, resource.name(), changes);

        List<ChangeEvent> events = new ArrayList<>();
        List<Instant> changedAts = new ArrayList<>();
        Map<ChangeType, Integer> byType = new EnumMap<>(ChangeType.class);
        for (int i = 0; i < changes.size(); i++) {
            RecordChange change = changes.get(i);
            Instant changedAt = change.changedAt();
            changedAts.add(changedAt);
            if (resource.filterByUpdatedDate() && changedAt.isBefore(pass.since())) {
                continue;
            }
            ObjectVersion version = versions.get(change.objectId());
            Optional<RecordedChange> previous = Optional.ofNullable(version)
                    .map(v -> new RecordedChange(v.getChangedAt(), v.getChangeType(), v.getContentHash()));
            List<ChangeType> types = classifier.classify(change, previous);
            if (types.isEmpty()) {
                continue;
            }
            for (ChangeType type : types) {
                // the CREATED of a record found already deleted carries its creation date
                Instant eventDate = type == ChangeType.CREATED && types.size() > 1 ? change.created().orElse(changedAt) : changedAt;
                events.add(new ChangeEvent(instanceId, target.organizationId(), resource.name(), change.objectId(), type,
                        eventDate, changedAt, change.contentHash(), detectedAt, readable.get(i).toString(), EventStatus.NEW));
                byType.merge(type, 1, Integer::sum);
            }
            ChangeType last = types.get(types.size() - 1);
            if (version == null) {
                version = new ObjectVersion(instanceId, resource.name(), change.objectId(), changedAt, last, change.contentHash());
                em.persist(version);
                versions.put(change.objectId(), version);
            } else {
                version.recorded(changedAt, last, change.contentHash());
            }
        }
        eventLog.record(instanceId, resource.name(), events);

        PassProgress progress = PassProgress.afterPage(cursor.cursor(), pass, changedAts, nextPage);
        cursor.moveTo(progress.cursor(), progress.pass());
        cursor.counted(records.size(), events.size(),
                skipped.getOrDefault(RecordReading.SkipReason.MISSING_ID, 0),
                skipped.getOrDefault(RecordReading.SkipReason.MISSING_UPDATED_DATE, 0),
                skipped.getOrDefault(RecordReading.SkipReason.UNPARSEABLE_UPDATED_DATE, 0), lastSkip);
        return new PageResult(records.size(), events.size(), skipped, lastSkip, byType, progress.pass());
    }

    private Map<String, ObjectVersion> versions(long instanceId, String resource, List<RecordChange> changes) {
        Set<String> ids = new LinkedHashSet<>();
        changes.forEach(c -> ids.add(c.objectId()));
        Map<String, ObjectVersion> versions = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            em.createQuery("SELECT v FROM ObjectVersion v WHERE v.instanceId = :instance AND v.resource = :resource"
                            + " AND v.objectId IN :ids", ObjectVersion.class)
                    .setParameter("instance", instanceId)
                    .setParameter("resource", resource)
                    .setParameter("ids", chunk)
                    .getResultList()
                    .forEach(v -> versions.put(v.getObjectId(), v));
        }
        return versions;
    }
}
