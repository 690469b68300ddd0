package dev.changewire.polling.control;

import dev.changewire.polling.entity.PollErrorKind;
import dev.changewire.polling.entity.PollState;
import dev.changewire.polling.entity.ResourceCursor;
import dev.changewire.polling.entity.Sweep;
import dev.changewire.polling.entity.SweepState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.Collection;

/**
 * The poll lease and the run's bookkeeping, each in its own short transaction so that a claim is
 * visible to every node at once and nothing is held while the provider is read.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class PollLease {

    private static final Logger LOG = Logger.getLogger(PollLease.class.getName());
    /** A run's weight in the average cost per run: a daily sweep's pages weigh in, one run does not move the plan. */
    static final double RUN_COST_WEIGHT = 0.2;

    @PersistenceContext
    EntityManager em;

    /** Creates the instance's poll_state row unless it exists (another node may win the race: callers ignore that failure). */
    public void ensure(long instanceId) {
        em.createNativeQuery("INSERT INTO poll_state (instance_id) SELECT ?1 FROM element_instance i WHERE i.id = ?1"
                        + " AND NOT EXISTS (SELECT 1 FROM poll_state s WHERE s.instance_id = ?1)")
                .setParameter(1, instanceId)
                .executeUpdate();
    }

    /** The conditional UPDATE of {@link LeaseTerms}: true when this run holds the lease now. */
    public boolean claim(long instanceId, String owner, String trigger, LeaseTerms terms) {
        String sql = "UPDATE poll_state SET lease_owner = ?1, lease_until = ?2, last_run_started = ?3, last_run_trigger = ?4"
                + (terms.isScheduled() ? ", next_due = ?7" : "")
                + " WHERE instance_id = ?5 AND (lease_until IS NULL OR lease_until < ?3)"
                + " AND (paused_until IS NULL OR paused_until <= ?3)"
                + (terms.isScheduled() ? " AND (next_due IS NULL OR next_due <= ?6 OR next_due > ?7)" : "");
        var query = em.createNativeQuery(sql)
                .setParameter(1, owner)
                .setParameter(2, utc(terms.leaseUntil()))
                .setParameter(3, utc(terms.now()))
                .setParameter(4, trigger)
                .setParameter(5, instanceId);
        if (terms.isScheduled()) {
            query.setParameter(6, utc(terms.dueBy())).setParameter(7, utc(terms.nextDue()));
        }
        return query.executeUpdate() == 1;
    }

    public Optional<PollState> state(long instanceId) {
        return Optional.ofNullable(em.find(PollState.class, instanceId));
    }

    /**
     * Ends the run: frees the lease if this run still holds it (lease_owner stays, naming the last run), and
     * averages the requests it sent into the instance's cost per run, which the quota planner plans with.
     */
    public void release(long instanceId, String owner, Instant ended, String error, int requests) {
        em.createNativeQuery("UPDATE poll_state SET lease_until = NULL, last_run_ended = ?1, last_error = ?2,"
                        + " requests_per_run = CASE WHEN requests_per_run IS NULL THEN ?5"
                        + " ELSE requests_per_run * " + (1 - RUN_COST_WEIGHT) + " + ?5 * " + RUN_COST_WEIGHT + " END"
                        + " WHERE instance_id = ?3 AND lease_owner = ?4")
                .setParameter(1, utc(ended))
                .setParameter(2, clip(error))
                .setParameter(3, instanceId)
                .setParameter(4, owner)
                .setParameter(5, (double) requests)
                .executeUpdate();
    }

    /** Pauses the instance (quota spent) until the given instant; every node's claims fail until then. */
    public void pause(long instanceId, Instant until, String reason) {
        em.createNativeQuery("UPDATE poll_state SET paused_until = ?1, pause_reason = ?2 WHERE instance_id = ?3")
                .setParameter(1, utc(until))
                .setParameter(2, clip(reason))
                .setParameter(3, instanceId)
                .executeUpdate();
    }

    /** The resource's cursor row (created with the baseline when the resource is polled for the first time), marked as started. */
    public ResourceCursor startResource(long instanceId, String resource, Instant baseline, Instant started) {
        ResourceCursor cursor = em.find(ResourceCursor.class, new ResourceCursor.Key(instanceId, resource));
        if (cursor == null) {
            cursor = new ResourceCursor(instanceId, resource, baseline);
            em.persist(cursor);
        }
        cursor.runStarted(started);
        em.flush();
        em.detach(cursor);
        return cursor;
    }

    /** Creates the cursor rows of resources seen for the first time, with the baseline (the change that enabled them). */
    public void ensureCursors(long instanceId, Collection<String> resources, Instant baseline) {
        for (String resource : resources) {
            if (em.find(ResourceCursor.class, new ResourceCursor.Key(instanceId, resource)) == null) {
                em.persist(new ResourceCursor(instanceId, resource, baseline));
            }
        }
    }

    /**
     * Records the end of a resource's part of the run; a failure keeps the cursor where it is. A pass
     * that failed past its first page {@code maxPassFailures} runs in a row is restarted from its window
     * (waits the provider imposes, refused credentials and a lost lease do not count: they are not the pass's fault).
     */
    public void endResource(long instanceId, String resource, Instant ended, PollErrorKind errorKind, String error, int maxPassFailures) {
        ResourceCursor cursor = em.find(ResourceCursor.class, new ResourceCursor.Key(instanceId, resource));
        if (cursor == null) {
            return;
        }
        cursor.runEnded(ended, errorKind == null);
        if (errorKind == null) {
            cursor.passSucceeded();
            return;
        }
        cursor.failed(errorKind.name(), error, ended);
        if (errorKind.countsAgainstThePass() && cursor.passFailed(error, ended, maxPassFailures)) {
            LOG.warning(() -> "The pass of " + resource + " of instance " + instanceId + " failed " + maxPassFailures
                    + " runs in a row and restarts from its window: " + error);
        }
    }

    /** Drops a pass whose page token the provider no longer takes: the next run reads the pass again from its start. */
    public void abandonPass(long instanceId, String resource) {
        ResourceCursor cursor = em.find(ResourceCursor.class, new ResourceCursor.Key(instanceId, resource));
        if (cursor != null) {
            cursor.moveTo(cursor.cursor(), Optional.empty());
        }
    }

    /** Forgets the resources no longer configured, so adding one back later starts from a new baseline. */
    public void forgetResourcesExcept(long instanceId, Collection<String> resources) {
        for (ResourceCursor cursor : em.createQuery("SELECT c FROM ResourceCursor c WHERE c.instanceId = :id", ResourceCursor.class)
                .setParameter("id", instanceId).getResultList()) {
            if (!resources.contains(cursor.getResource())) {
                em.remove(cursor);
                em.createNativeQuery("DELETE FROM poll_object_version WHERE instance_id = ?1 AND resource = ?2")
                        .setParameter(1, instanceId).setParameter(2, cursor.getResource()).executeUpdate();
                em.createNativeQuery("DELETE FROM poll_sweep WHERE instance_id = ?1 AND resource = ?2")
                        .setParameter(1, instanceId).setParameter(2, cursor.getResource()).executeUpdate();
            }
        }
    }

    /**
     * Frees every lease a run of this node holds (run owners are {@code nodeId/run}); {@code lease_owner}
     * stays, naming the last run. Only runs started before {@code startedBefore}: a run this deployment
     * started itself keeps its lease. Returns how many were freed.
     */
    public int releaseAllOf(String nodeId, Instant startedBefore) {
        String prefix = nodeId.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%";
        return em.createNativeQuery("UPDATE poll_state SET lease_until = NULL WHERE lease_owner LIKE ?1 ESCAPE '!' AND lease_until IS NOT NULL"
                        + " AND last_run_started < ?2")
                .setParameter(1, prefix)
                .setParameter(2, utc(startedBefore))
                .executeUpdate();
    }

    /** Events were switched off: the next enabling starts from a new baseline. */
    public void forgetInstance(long instanceId) {
        em.createNativeQuery("DELETE FROM poll_cursor WHERE instance_id = ?1").setParameter(1, instanceId).executeUpdate();
        em.createNativeQuery("DELETE FROM poll_object_version WHERE instance_id = ?1").setParameter(1, instanceId).executeUpdate();
        em.createNativeQuery("DELETE FROM poll_sweep WHERE instance_id = ?1").setParameter(1, instanceId).executeUpdate();
        em.createNativeQuery("DELETE FROM poll_state WHERE instance_id = ?1 AND (lease_until IS NULL OR lease_until < ?2)")
                .setParameter(1, instanceId).setParameter(2, utc(Instant.now())).executeUpdate();
    }

    /**
     * Starts the sweep's pass when it is due (or finds the one in progress), creating its row on first
     * use; empty when it is not due. {@code since} stands in for the first pass's predecessor: the
     * resource's baseline.
     */
    public Optional<SweepState> beginSweep(long instanceId, String resource, Sweep sweep, Instant since, Instant now) {
        SweepState state = em.find(SweepState.class, new SweepState.Key(instanceId, resource, sweep.name()));
        if (state == null) {
            state = new SweepState(instanceId, resource, sweep.name());
            em.persist(state);
        }
        if (!state.isDue(sweep.interval(), since, now)) {
            return Optional.empty();
        }
        state.start(now);
        em.flush();
        em.detach(state);
        return Optional.of(state);
    }

    /** A sweep's page failed: it keeps its place; {@code restart} drops the pass (its page token is no longer taken). */
    public void sweepFailed(long instanceId, String resource, String sweep, String error, Instant at, boolean restart) {
        SweepState state = em.find(SweepState.class, new SweepState.Key(instanceId, resource, sweep));
        if (state != null) {
            state.failed(error, at);
            if (restart) {
                state.restart();
            }
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
