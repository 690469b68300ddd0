package dev.changewire.polling.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.polling.entity.PollState;
import dev.changewire.polling.entity.PollTarget;
import dev.changewire.polling.entity.PollerResource;
import dev.changewire.polling.entity.PollerStatus;
import dev.changewire.polling.entity.ResourceCursor;
import dev.changewire.polling.entity.RunSummary;
import dev.changewire.polling.entity.Sweep;
import dev.changewire.polling.entity.SweepState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The poller's state of one instance, and run summaries, as JSON for the API. */
@ApplicationScoped
public class PollerReport {

    @Inject
    PollTargets targets;

    @Inject
    DuePolls due;

    @Inject
    QuotaPlanner planner;

    public JsonObject status(PollTarget target) {
        Instant now = Instant.now();
        PollState state = targets.state(target.instanceId()).orElse(null);
        PollerStatus status = target.status();
        if (status == PollerStatus.ACTIVE && state != null && state.getPausedUntil() != null && state.getPausedUntil().isAfter(now)) {
            status = PollerStatus.PAUSED_QUOTA;
        }
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("instanceId", target.instanceId())
                .add("status", status.name())
                .add("eventsEnabled", target.eventsEnabled())
                .add("disabled", target.disabled())
                .add("valid", target.valid())
                .add("refreshInterval", target.interval().toString());
        // the interval the quota planner polls at, and why it differs from the configured one
        Duration effective = planner.effective(target.instanceId(), target.interval());
        QuotaPlan.KeyPlan quota = planner.last().plan(target.instanceId()).orElse(null);
        json.add("effectiveInterval", effective.toString());
        put(json, "intervalReason", quota == null ? null : quota.reason().orElse(null));
        if (quota == null) {
            json.addNull("quota");
        } else {
            json.add("quota", JSON.createObjectBuilder().add("apiKey", quota.label()).add("requestsPerDay", quota.perDay())
                    .add("usedToday", quota.usedToday()).add("reserve", quota.reserve())
                    .add("projectedAtConfiguredIntervals", quota.projectedAtConfigured()).add("projected", quota.projected())
                    .add("stretch", Math.round(100.0 * effective.toMillis() / target.interval().toMillis()) / 100.0)
                    .add("stretched", quota.stretched()).add("instances", quota.instances().size())
                    .add("plannedAt", planner.last().at().toString()));
        }
        put(json, "problem", target.problem());
        Instant nextRun = null;
        if (status == PollerStatus.ACTIVE) {
            Instant spread = ScheduleSpread.firstDue(Long.toString(target.instanceId()), effective, now);
            nextRun = state != null && state.getNextDue() != null && state.getNextDue().isAfter(now) ? state.getNextDue() : spread;
        } else if (status == PollerStatus.PAUSED_QUOTA) {
            nextRun = state.getPausedUntil();
        }
        put(json, "nextRun", nextRun);
        // due, but waiting for one of this node's runners (the node is saturated)
        json.add("waitingForRunner", due.isWaiting(target.instanceId()));
        // an instance that never ran (or was switched off and on again) has no state: the same fields, null,
        // so a client reads one shape
        boolean paused = state != null && state.getPausedUntil() != null && state.getPausedUntil().isAfter(now);
        put(json, "pausedUntil", paused ? state.getPausedUntil() : null);
        put(json, "pauseReason", paused ? state.getPauseReason() : null);
        json.add("running", state != null && state.getLeaseUntil() != null && state.getLeaseUntil().isAfter(now));
        put(json, "lastRunStarted", state == null ? null : state.getLastRunStarted());
        put(json, "lastRunEnded", state == null ? null : state.getLastRunEnded());
        put(json, "lastRunTrigger", state == null ? null : state.getLastRunTrigger());
        put(json, "lastRunBy", state == null ? null : state.getLeaseOwner());
        put(json, "lastError", state == null ? null : state.getLastError());
        Map<String, ResourceCursor> cursors = new HashMap<>();
        targets.cursors(target.instanceId()).forEach(c -> cursors.put(c.getResource(), c));
        Map<String, SweepState> sweeps = new HashMap<>();
        targets.sweeps(target.instanceId()).forEach(w -> sweeps.put(w.getResource() + "/" + w.getSweep(), w));
        JsonArrayBuilder resources = JSON.createArrayBuilder();
        if (target.configuration() != null) {
            for (PollerResource resource : target.configuration().resources().values()) {
                JsonObjectBuilder r = resource(resource.name(), cursors.get(resource.name()), nextRun, now);
                if (!resource.sweeps().isEmpty()) {
                    JsonArrayBuilder list = JSON.createArrayBuilder();
                    resource.sweeps().values().forEach(sweep -> list.add(sweep(sweep, sweeps.get(resource.name() + "/" + sweep.name()))));
                    r.add("sweeps", list);
                }
                resources.add(r);
            }
        }
        return json.add("resources", resources).build();
    }

    /** A sweep's configuration and progress: the pass in progress, and what the last complete one found. */
    private JsonObject sweep(Sweep sweep, SweepState state) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("name", sweep.name())
                .add("interval", sweep.interval().toString()).add("complete", sweep.complete());
        put(json, "startedAt", state == null ? null : state.getStartedAt());
        json.add("continuesNextRun", state != null && state.getNextPage() != null);
        json.add("passRecordsRead", state == null ? 0 : state.getPassRead());
        put(json, "lastStartedAt", state == null ? null : state.getLastStartedAt());
        put(json, "lastCompletedAt", state == null ? null : state.getLastCompletedAt());
        json.add("lastRecordsRead", state == null ? 0 : state.getLastRead())
                .add("lastEventsRecorded", state == null ? 0 : state.getLastEvents())
                .add("lastGone", state == null ? 0 : state.getLastGone());
        put(json, "lastError", state == null ? null : state.getLastError());
        put(json, "lastErrorAt", state == null ? null : state.getLastErrorAt());
        return json.build();
    }

    private JsonObjectBuilder resource(String name, ResourceCursor cursor, Instant nextRun, Instant now) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("name", name);
        put(json, "nextRun", nextRun);
        if (cursor == null) {
            return json.add("polled", false);
        }
        put(json, "baseline", cursor.getBaseline());
        put(json, "cursor", cursor.cursor().orElse(null));
        cursor.cursor().ifPresent(c -> json.add("cursorAgeSeconds", Duration.between(c, now).toSeconds()));
        cursor.pass().ifPresent(pass -> {
            JsonObjectBuilder p = JSON.createObjectBuilder().add("since", pass.since().toString())
                    .add("started", pass.started().toString()).add("continuesNextRun", pass.nextPage() != null);
            pass.max().ifPresent(m -> p.add("max", m.toString()));
            json.add("passInProgress", p);
        });
        put(json, "lastRunStarted", cursor.getLastRunStarted());
        put(json, "lastRunEnded", cursor.getLastRunEnded());
        put(json, "lastSuccess", cursor.getLastSuccess());
        json.add("recordsRead", cursor.getRecordsRead())
                .add("eventsRecorded", cursor.getEventsRecorded())
                .add("recordsSkipped", cursor.getSkippedMissingId() + cursor.getSkippedMissingDate() + cursor.getSkippedBadDate())
                .add("skipped", JSON.createObjectBuilder()
                        .add("MISSING_ID", cursor.getSkippedMissingId())
                        .add("MISSING_UPDATED_DATE", cursor.getSkippedMissingDate())
                        .add("UNPARSEABLE_UPDATED_DATE", cursor.getSkippedBadDate()));
        put(json, "lastSkip", cursor.getLastSkip());
        boolean failing = cursor.getLastErrorAt() != null
                && (cursor.getLastSuccess() == null || cursor.getLastErrorAt().isAfter(cursor.getLastSuccess()));
        json.add("failing", failing);
        put(json, "lastErrorKind", cursor.getLastErrorKind());
        put(json, "lastError", cursor.getLastError());
        put(json, "lastErrorAt", cursor.getLastErrorAt());
        // a pass that keeps failing past its first page is restarted from its window; say so
        json.add("passFailures", cursor.getPassFailures());
        json.add("passRestarts", cursor.getPassRestarts());
        put(json, "lastPassRestart", cursor.getLastPassRestart());
        put(json, "lastPassRestartAt", cursor.getLastPassRestartAt());
        return json;
    }

    public JsonObject summary(RunSummary run) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("instanceId", run.instanceId())
                .add("outcome", run.outcome().name())
                .add("status", run.status().name())
                .add("trigger", run.trigger())
                .add("started", run.started().toString())
                .add("ended", run.ended().toString());
        put(json, "pausedUntil", run.pausedUntil());
        put(json, "error", run.error());
        JsonArrayBuilder resources = JSON.createArrayBuilder();
        int events = 0;
        for (RunSummary.ResourceRun r : run.resources()) {
            events += r.eventsRecorded() + r.sweeps().stream().mapToInt(w -> w.changed() + w.deleted()).sum();
            JsonObjectBuilder rj = JSON.createObjectBuilder()
                    .add("name", r.resource()).add("pages", r.pages()).add("recordsRead", r.recordsRead())
                    .add("eventsRecorded", r.eventsRecorded()).add("created", r.created()).add("updated", r.updated())
                    .add("deleted", r.deleted()).add("recordsSkipped", r.skipped()).add("passComplete", r.passComplete());
            put(rj, "lastSkip", r.lastSkip());
            put(rj, "cursor", r.cursor());
            put(rj, "errorKind", r.errorKind());
            put(rj, "error", r.error());
            if (!r.sweeps().isEmpty()) {
                JsonArrayBuilder sweeps = JSON.createArrayBuilder();
                for (RunSummary.SweepRun w : r.sweeps()) {
                    JsonObjectBuilder wj = JSON.createObjectBuilder().add("name", w.sweep()).add("pages", w.pages())
                            .add("recordsRead", w.recordsRead()).add("changed", w.changed()).add("deleted", w.deleted())
                            .add("passComplete", w.complete());
                    put(wj, "refused", w.refused());
                    put(wj, "errorKind", w.errorKind());
                    put(wj, "error", w.error());
                    sweeps.add(wj);
                }
                rj.add("sweeps", sweeps);
            }
            resources.add(rj);
        }
        return json.add("eventsRecorded", events).add("resources", resources).build();
    }

    private static void put(JsonObjectBuilder json, String key, Object value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value.toString());
        }
    }
}
