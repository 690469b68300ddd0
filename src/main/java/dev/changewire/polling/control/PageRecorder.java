package dev.changewire.polling.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.events.control.EventLog;
import dev.changewire.events.entity.ChangeEvent;
import dev.changewire.events.entity.ChangeType;
import dev.changewire.events.entity.EventStatus;
import dev.changewire.polling.entity.ObjectVersion;
import dev.changewire.polling.entity.PollPass;
import dev.changewire.polling.entity.PollTarget;
import dev.changewire.polling.entity.PollerResource;
import dev.changewire.polling.entity.ResourceCursor;
import dev.changewire.polling.entity.Sweep;
import dev.changewire.polling.entity.SweepState;
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

    /** What one page of a sweep gave; {@code refused} says why a complete sweep took nothing for deleted. */
    public record SweepPage(int read, Map<ChangeType, Integer> byType, boolean complete, String refused) {
        public int recorded() {
            return byType.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The member a sweep adds to the record of each event it finds (providerData): how it was found. */
    public static final String FOUND_BY = "changewireFoundBy";
    /** The member of a DELETED a sweep found by the record's absence (its record is gone: only the id is known). */
    public static final String GONE = "changewireGone";

    private static final int IN_CHUNK = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    EventLog eventLog;

    public PageResult record(PollTarget target, PollerResource resource, String owner, Instant leaseUntil, PollPass pass,
            List<JsonObject> records, String nextPage, Instant detectedAt) {
        long instanceId = target.instanceId();
        extendLease(instanceId, owner, leaseUntil);
        ResourceCursor cursor = em.find(ResourceCursor.class, new ResourceCursor.Key(instanceId, resource.name()));
        if (cursor == null) {
            // the resource was removed from the configuration while the run read it
            return new PageResult(0, 0, Map.of(), null, Map.of(), Optional.empty());
        }
        ChangeClassifier classifier = new ChangeClassifier(resource.createdCheckTolerance(), cursor.getBaseline(),
                target.classification());

        Readings read = Readings.of(resource, records);
        List<RecordChange> changes = read.changes();
        List<JsonObject> readable = read.records();
        Map<RecordReading.SkipReason, Integer> skipped = read.skipped();
        String lastSkip = read.lastSkip();
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
            // seen now: a complete sweep that started before this page does not take the object for gone
            remember(versions, version, instanceId, resource.name(), change, last, detectedAt);
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

    /**
     * Commits one page of a sweep: the events of records whose content changed (or that entered a
     * partial listing) with a marker saying a sweep found them, the versions seen, and the sweep's place,
     * in ONE transaction. On the last page of a complete sweep, the objects recorded as present and not
     * seen since the sweep started are DELETED, unless they are more than the safety bound allows (then
     * the pass records none and says why).
     */
    public SweepPage recordSweep(PollTarget target, PollerResource resource, Sweep sweep, String owner, Instant leaseUntil,
            List<JsonObject> records, String nextPage, Instant detectedAt, SweepBounds bounds) {
        long instanceId = target.instanceId();
        extendLease(instanceId, owner, leaseUntil);
        ResourceCursor cursor = em.find(ResourceCursor.class, new ResourceCursor.Key(instanceId, resource.name()));
        SweepState state = em.find(SweepState.class, new SweepState.Key(instanceId, resource.name(), sweep.name()));
        if (cursor == null || state == null || state.getStartedAt() == null) {
            // the resource or the sweep was removed from the configuration while the run read it
            return new SweepPage(0, Map.of(), true, null);
        }
        ChangeClassifier classifier = new ChangeClassifier(resource.createdCheckTolerance(), cursor.getBaseline(),
                target.classification());
        String foundBy = "sweep:" + sweep.name();
        Readings read = Readings.of(resource, records);
        Map<String, ObjectVersion> versions = versions(instanceId, resource.name(), read.changes());
        List<ChangeEvent> events = new ArrayList<>();
        Map<ChangeType, Integer> byType = new EnumMap<>(ChangeType.class);
        for (int i = 0; i < read.changes().size(); i++) {
            RecordChange change = read.changes().get(i);
            ObjectVersion version = versions.get(change.objectId());
            Optional<RecordedChange> previous = Optional.ofNullable(version)
                    .map(v -> new RecordedChange(v.getChangedAt(), v.getChangeType(), v.getContentHash()));
            List<ChangeType> types = classifier.classifySwept(change, previous, state.isFirstPass());
            if (types.isEmpty()) {
                if (version == null) {
                    // adopted: how the record was when events were enabled, to compare later sweeps with
                    remember(versions, null, instanceId, resource.name(), change,
                            change.deleted() ? ChangeType.DELETED : ChangeType.UPDATED, detectedAt);
                } else if (sweep.complete()) {
                    version.seen(detectedAt);
                }
                continue;
            }
            // a change the updated date does not show happened when the sweep found it
            boolean dateMoved = previous.map(p -> change.changedAt().isAfter(p.changedAt()))
                    .orElse(!change.changedAt().isBefore(cursor.getBaseline()));
            String record = JSON.createObjectBuilder(read.records().get(i)).add(FOUND_BY, foundBy).build().toString();
            for (ChangeType type : types) {
                Instant eventDate = dateMoved ? change.changedAt() : detectedAt;
                events.add(new ChangeEvent(instanceId, target.organizationId(), resource.name(), change.objectId(), type,
                        eventDate, change.changedAt(), change.contentHash(), detectedAt, record, EventStatus.NEW));
                byType.merge(type, 1, Integer::sum);
            }
            remember(versions, version, instanceId, resource.name(), change, types.get(types.size() - 1), detectedAt);
        }
        state.paged(nextPage, records.size(), events.size());
        boolean complete = nextPage == null;
        Gone gone = complete && sweep.complete() ? gone(target, resource, state, foundBy, detectedAt, bounds, events, byType)
                : new Gone(0, null);
        eventLog.record(instanceId, resource.name(), events);
        if (complete) {
            state.completed(detectedAt, gone.count());
            if (gone.refused() != null) {
                state.failed(gone.refused(), detectedAt);
            }
        }
        return new SweepPage(records.size(), byType, complete, gone.refused());
    }

    /** The objects a complete sweep took for deleted, or why it took none. */
    private record Gone(int count, String refused) {
    }

    /**
     * The objects recorded as present and not seen since the sweep started are gone: a DELETED each
     * (their record is gone too, so the event carries the id and the marker). Refuses, and answers why,
     * when they are more than the bounds allow: an empty or cut listing must not delete an account.
     */
    private Gone gone(PollTarget target, PollerResource resource, SweepState state, String foundBy, Instant detectedAt,
            SweepBounds bounds, List<ChangeEvent> events, Map<ChangeType, Integer> byType) {
        long instanceId = target.instanceId();
        List<ObjectVersion> gone = em.createQuery("SELECT v FROM ObjectVersion v WHERE v.instanceId = :instance"
                        + " AND v.resource = :resource AND v.changeType <> :deleted AND (v.seenAt IS NULL OR v.seenAt < :started)",
                        ObjectVersion.class)
                .setParameter("instance", instanceId).setParameter("resource", resource.name())
                .setParameter("deleted", ChangeType.DELETED).setParameter("started", state.getStartedAt().minus(bounds.clockSkew()))
                .setMaxResults(bounds.maxGonePerPass() + 1)
                .getResultList();
        if (gone.isEmpty()) {
            return new Gone(0, null);
        }
        // counted only when some are missing: most complete passes find none
        long present = em.createQuery("SELECT COUNT(v) FROM ObjectVersion v WHERE v.instanceId = :instance"
                        + " AND v.resource = :resource AND v.changeType <> :deleted", Long.class)
                .setParameter("instance", instanceId).setParameter("resource", resource.name())
                .setParameter("deleted", ChangeType.DELETED).getSingleResult();
        if (gone.size() > bounds.maxGonePerPass() || !bounds.allows(gone.size(), present)) {
            return new Gone(0, "The sweep's listing lacks " + (gone.size() > bounds.maxGonePerPass() ? "more than " + bounds.maxGonePerPass()
                    : Integer.toString(gone.size())) + " of the " + present + " records known to exist; none was taken for deleted"
                    + " (at most " + bounds.describe() + " may be)");
        }
        String idKey = resource.idField().segments().size() == 1 ? resource.idField().segments().get(0) : "id";
        for (ObjectVersion version : gone) {
            String record = JSON.createObjectBuilder().add(idKey, version.getObjectId()).add(FOUND_BY, foundBy)
                    .add(GONE, true).build().toString();
            events.add(new ChangeEvent(instanceId, target.organizationId(), resource.name(), version.getObjectId(),
                    ChangeType.DELETED, detectedAt, version.getChangedAt(), null, detectedAt, record, EventStatus.NEW));
            byType.merge(ChangeType.DELETED, 1, Integer::sum);
            version.recorded(version.getChangedAt(), ChangeType.DELETED, version.getContentHash());
            version.seen(detectedAt);
        }
        return new Gone(gone.size(), null);
    }

    private void extendLease(long instanceId, String owner, Instant leaseUntil) {
        int extended = em.createNativeQuery("UPDATE poll_state SET lease_until = ?1 WHERE instance_id = ?2 AND lease_owner = ?3 AND lease_until IS NOT NULL")
                .setParameter(1, PollLease.utc(leaseUntil))
                .setParameter(2, instanceId)
                .setParameter(3, owner)
                .executeUpdate();
        if (extended != 1) {
            throw new LeaseLost(instanceId);
        }
    }

    /** Records the object's latest version (creating it for an object seen for the first time), seen at {@code at}. */
    private void remember(Map<String, ObjectVersion> versions, ObjectVersion version, long instanceId, String resource,
            RecordChange change, ChangeType type, Instant at) {
        if (version == null) {
            version = new ObjectVersion(instanceId, resource, change.objectId(), change.changedAt(), type, change.contentHash());
            em.persist(version);
            versions.put(change.objectId(), version);
        } else {
            version.recorded(change.changedAt(), type, change.contentHash());
        }
        version.seen(at);
    }

    /** The records of a page that have an id and a date, their facts, and why the others were skipped. */
    record Readings(List<RecordChange> changes, List<JsonObject> records, Map<RecordReading.SkipReason, Integer> skipped,
                    String lastSkip) {

        static Readings of(PollerResource resource, List<JsonObject> page) {
            List<RecordChange> changes = new ArrayList<>();
            List<JsonObject> readable = new ArrayList<>();
            Map<RecordReading.SkipReason, Integer> skipped = new EnumMap<>(RecordReading.SkipReason.class);
            String lastSkip = null;
            for (JsonObject record : page) {
                RecordReading reading = RecordDates.read(resource, record);
                if (reading.isSkipped()) {
                    skipped.merge(reading.skip(), 1, Integer::sum);
                    lastSkip = reading.skip() + ": " + reading.detail();
                    continue;
                }
                changes.add(reading.change().withContentHash(RecordContent.hash(record)));
                readable.add(record);
            }
            return new Readings(changes, readable, skipped, lastSkip);
        }
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
