package dev.changewire.polling.control;

import dev.changewire.events.entity.ChangeType;
import dev.changewire.hubs.control.HubReader;
import dev.changewire.hubs.entity.HubPage;
import dev.changewire.hubs.entity.HubQuery;
import dev.changewire.hubs.entity.ProviderUnavailable;
import dev.changewire.platform.control.ApiException;
import dev.changewire.polling.entity.PollPass;
import dev.changewire.polling.entity.PollErrorKind;
import dev.changewire.polling.entity.PollState;
import dev.changewire.polling.entity.PollTarget;
import dev.changewire.polling.entity.PollerResource;
import dev.changewire.polling.entity.PollerStatus;
import dev.changewire.polling.entity.ResourceCursor;
import dev.changewire.polling.entity.RunSummary;
import dev.changewire.polling.entity.Sweep;
import dev.changewire.polling.entity.SweepState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One poll run of one instance: claims the lease, polls each configured resource through the hub page
 * by page (each page committed with its events and the moved cursor), and releases the lease. Faults
 * never move a cursor; a quota pause or refused credentials stop the whole run, any other failure
 * stops only its resource.
 */
@ApplicationScoped
public class Poller {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String MANUAL = "MANUAL";

    /**
     * Where a sweep's date placeholders point: before any record. The epoch itself, widened by a second
     * by the hub, would ask a provider for a date before 1970.
     */
    static final Instant SWEEP_SINCE = Instant.parse("1970-01-02T00:00:00Z");

    private static final Logger LOG = Logger.getLogger(Poller.class.getName());

    @Inject
    PollTargets targets;

    @Inject
    PollLease lease;

    @Inject
    PageRecorder recorder;

    @Inject
    PollerSettings settings;

    @Inject
    QuotaPlanner planner;

    @Inject
    PollerMetrics metrics;

    @Inject
    Instance<HubReader> hubs;

    public RunSummary run(long instanceId, String trigger) {
        Instant started = Instant.now();
        Optional<PollTarget> found = targets.find(instanceId);
        if (found.isEmpty()) {
            return RunSummary.notRun(instanceId, RunSummary.Outcome.NOT_ACTIVE, PollerStatus.EVENTS_OFF, trigger, started, null,
                    "The instance does not exist");
        }
        PollTarget target = found.get();
        if (!target.active()) {
            metrics.run(trigger, RunSummary.Outcome.NOT_ACTIVE.name(), null);
            return RunSummary.notRun(instanceId, RunSummary.Outcome.NOT_ACTIVE, target.status(), trigger, started, null,
                    target.problem());
        }
        try {
            lease.ensure(instanceId);
        } catch (RuntimeException e) {
            // another node created the row at the same moment
            LOG.log(Level.FINE, "poll_state of " + instanceId + " exists already", e);
        }
        LeaseTerms terms = SCHEDULED.equals(trigger)
                ? LeaseTerms.scheduled(Long.toString(instanceId), planner.effective(instanceId, target.interval()), started, settings.lease())
                : LeaseTerms.manual(started, settings.lease());
        String owner = settings.nodeId() + "/" + UUID.randomUUID().toString().substring(0, 8);
        if (!lease.claim(instanceId, owner, trigger, terms)) {
            PollState state = lease.state(instanceId).orElse(null);
            RunSummary.Outcome outcome;
            if (state != null && state.getPausedUntil() != null && state.getPausedUntil().isAfter(started)) {
                outcome = RunSummary.Outcome.PAUSED;
            } else if (state != null && state.getLeaseUntil() != null && !state.getLeaseUntil().isBefore(started)) {
                outcome = RunSummary.Outcome.BUSY;
            } else {
                outcome = RunSummary.Outcome.NOT_DUE;
            }
            metrics.run(trigger, outcome.name(), null);
            return RunSummary.notRun(instanceId, outcome,
                    outcome == RunSummary.Outcome.PAUSED ? PollerStatus.PAUSED_QUOTA : PollerStatus.ACTIVE, trigger, started,
                    state == null ? null : state.getPausedUntil(), state == null ? null : state.getPauseReason());
        }
        if (terms.isScheduled()) {
            metrics.lag(terms.lag());
        }
        List<RunSummary.ResourceRun> runs = new ArrayList<>();
        PollerStatus status = PollerStatus.ACTIVE;
        Instant pausedUntil = null;
        String runError = null;
        try {
            lease.forgetResourcesExcept(instanceId, target.configuration().resources().keySet());
            for (PollerResource resource : target.configuration().resources().values()) {
                RunSummary.ResourceRun run = pollResource(target, resource, owner);
                if (run.errorKind() == null && !resource.sweeps().isEmpty()) {
                    // after a clean poll only: a sweep spends requests a failing provider cannot afford
                    run = run.withSweeps(sweepResource(target, resource, owner));
                    RunSummary.SweepRun last = run.sweeps().isEmpty() ? null : run.sweeps().get(run.sweeps().size() - 1);
                    if (last != null && last.errorKind() != null && last.errorKind().stopsTheRun()) {
                        run = run.withError(last.errorKind(), last.error());
                    }
                }
                runs.add(run);
                if (run.errorKind() == PollErrorKind.QUOTA_PAUSED) {
                    status = PollerStatus.PAUSED_QUOTA;
                    pausedUntil = lease.state(instanceId).map(PollState::getPausedUntil).orElse(null);
                    runError = run.error();
                    break;
                }
                if (run.errorKind() == PollErrorKind.INVALID_CREDENTIALS) {
                    status = PollerStatus.INVALID_CREDENTIALS;
                    runError = run.error();
                    break;
                }
                if (run.errorKind() == PollErrorKind.LEASE_LOST) {
                    runError = run.error();
                    break;
                }
            }
        } catch (RuntimeException e) {
            runError = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(Level.WARNING, "Poll run of instance " + instanceId + " failed", e);
        } finally {
            Instant ended = Instant.now();
            try {
                lease.release(instanceId, owner, ended, runError, requests(runs));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not release the poll lease of instance " + instanceId + " (it expires by itself)", e);
            }
        }
        Instant ended = Instant.now();
        metrics.run(trigger, RunSummary.Outcome.COMPLETED.name(), Duration.between(started, ended));
        return new RunSummary(instanceId, RunSummary.Outcome.COMPLETED, status, trigger, started, ended, pausedUntil, runError,
                runs);
    }

    /** The provider requests a run sent, as far as it knows: its pages and its sweeps' pages, at least one per resource tried. */
    static int requests(List<RunSummary.ResourceRun> runs) {
        int requests = 0;
        for (RunSummary.ResourceRun run : runs) {
            requests += Math.max(1, run.pages()) + run.sweeps().stream().mapToInt(w -> Math.max(w.errorKind() == null ? 0 : 1, w.pages())).sum();
        }
        return requests;
    }

    private ResourceCursor startResource(long instanceId, String resource, Instant baseline, Instant started) {
        try {
            return lease.startResource(instanceId, resource, baseline, started);
        } catch (RuntimeException e) {
            // the scheduler created the cursor row at the same moment (a run right after the instance's change):
            // this insert lost on the key, and the row is there for the second try
            return lease.startResource(instanceId, resource, baseline, started);
        }
    }

    private RunSummary.ResourceRun pollResource(PollTarget target, PollerResource resource, String owner) {
        long instanceId = target.instanceId();
        Instant started = Instant.now();
        ResourceCursor cursor = startResource(instanceId, resource.name(), target.changedAt(), started);
        Optional<PollPass> pass = cursor.pass();
        int pages = 0;
        int read = 0;
        int recorded = 0;
        int skipped = 0;
        String lastSkip = null;
        int[] byType = new int[ChangeType.values().length];
        boolean complete = false;
        PollErrorKind errorKind = null;
        String error = null;
        try {
            HubReader hub = hub();
            PollPass current = pass.orElseGet(() -> PollPass.begin(
                    PollWindow.since(cursor.cursor(), cursor.getBaseline(), settings.overlap(), resource.pollDelay()), Instant.now()));
            // every page of a pass reads the same query (PollPass.since), so its URL is expanded once
            HubUrl url;
            try {
                url = HubUrl.parse(resource.url().expand(current.since(), target.zone()), resource.pageSize());
            } catch (IllegalArgumentException e) {
                throw new ResourceFailure(PollErrorKind.BAD_CONFIGURATION, e.getMessage());
            }
            while (pages < settings.maxPagesPerRun()) {
                HubQuery query = url.query().withNextPage(current.nextPage());
                HubPage page;
                try {
                    page = hub.read(instanceId, url.resource(), query);
                } catch (ApiException e) {
                    if (current.nextPage() != null) {
                        lease.abandonPass(instanceId, resource.name());
                    }
                    throw new ResourceFailure(PollErrorKind.BAD_QUERY, e.getMessage());
                }
                PageRecorder.PageResult result = recorder.record(target, resource, owner, Instant.now().plus(settings.lease()),
                        current, page.records(), page.nextPage(), Instant.now());
                pages++;
                read += result.read();
                recorded += result.recorded();
                skipped += result.skipped().values().stream().mapToInt(Integer::intValue).sum();
                if (result.lastSkip() != null) {
                    lastSkip = result.lastSkip();
                }
                for (Map.Entry<ChangeType, Integer> e : result.byType().entrySet()) {
                    byType[e.getKey().ordinal()] += e.getValue();
                    metrics.events(e.getKey().name(), e.getValue());
                }
                if (result.pass().isEmpty()) {
                    complete = true;
                    break;
                }
                current = result.pass().get();
            }
        } catch (RuntimeException e) {
            Failure failure = failure(e, instanceId, resource.name());
            errorKind = failure.kind();
            error = failure.message();
        }
        Instant ended = Instant.now();
        Instant cursorAfter = null;
        try {
            lease.endResource(instanceId, resource.name(), ended, errorKind, error, settings.maxPassFailures());
            cursorAfter = cursorOf(instanceId, resource.name());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the end of polling " + resource.name() + " of instance " + instanceId, e);
        }
        return new RunSummary.ResourceRun(resource.name(), pages, read, recorded, byType[ChangeType.CREATED.ordinal()],
                byType[ChangeType.UPDATED.ordinal()], byType[ChangeType.DELETED.ordinal()], skipped, lastSkip,
                complete, cursorAfter, errorKind, error, List.of());
    }

    /** Runs the resource's due sweeps, each from where it stopped; a failure that stops the run stops them too. */
    private List<RunSummary.SweepRun> sweepResource(PollTarget target, PollerResource resource, String owner) {
        List<RunSummary.SweepRun> runs = new ArrayList<>();
        Optional<Instant> baseline = targets.cursor(target.instanceId(), resource.name()).map(ResourceCursor::getBaseline);
        if (baseline.isEmpty()) {
            return runs;
        }
        for (Sweep sweep : resource.sweeps().values()) {
            Optional<RunSummary.SweepRun> run = sweep(target, resource, sweep, baseline.get(), owner);
            run.ifPresent(runs::add);
            if (run.isPresent() && run.get().errorKind() != null && run.get().errorKind().stopsTheRun()) {
                break;
            }
        }
        return runs;
    }

    /**
     * One sweep's part of the run: reads its listing from where its pass stopped, page by page (each
     * committed with its events and the sweep's place), within the run's page limit. Empty when not due.
     */
    private Optional<RunSummary.SweepRun> sweep(PollTarget target, PollerResource resource, Sweep sweep, Instant baseline,
            String owner) {
        long instanceId = target.instanceId();
        Optional<SweepState> begun = lease.beginSweep(instanceId, resource.name(), sweep, baseline, Instant.now());
        if (begun.isEmpty()) {
            return Optional.empty();
        }
        String nextPage = begun.get().getNextPage();
        int pages = 0;
        int read = 0;
        Map<ChangeType, Integer> byType = new EnumMap<>(ChangeType.class);
        boolean complete = false;
        String refused = null;
        Failure failure = null;
        try {
            HubReader hub = hub();
            HubUrl url;
            try {
                url = HubUrl.parse(sweep.urlOf(resource).expand(SWEEP_SINCE, target.zone()), sweep.pageSize());
            } catch (IllegalArgumentException e) {
                throw new ResourceFailure(PollErrorKind.BAD_CONFIGURATION, e.getMessage());
            }
            while (pages < settings.maxPagesPerRun()) {
                HubPage page;
                try {
                    page = hub.read(instanceId, url.resource(), url.query().withNextPage(nextPage));
                } catch (ApiException e) {
                    throw new ResourceFailure(PollErrorKind.BAD_QUERY, e.getMessage());
                }
                PageRecorder.SweepPage result = recorder.recordSweep(target, resource, sweep, owner,
                        Instant.now().plus(settings.lease()), page.records(), page.nextPage(), Instant.now(), settings.sweepBounds());
                pages++;
                read += result.read();
                for (Map.Entry<ChangeType, Integer> e : result.byType().entrySet()) {
                    byType.merge(e.getKey(), e.getValue(), Integer::sum);
                    metrics.events(e.getKey().name(), e.getValue());
                }
                if (result.complete()) {
                    complete = true;
                    refused = result.refused();
                    break;
                }
                nextPage = page.nextPage();
            }
        } catch (RuntimeException e) {
            failure = failure(e, instanceId, resource.name() + " (sweep " + sweep.name() + ")");
            try {
                // a page token the provider refuses is not taken again: the next pass starts over
                lease.sweepFailed(instanceId, resource.name(), sweep.name(), failure.message(), Instant.now(),
                        failure.kind() == PollErrorKind.BAD_QUERY && nextPage != null);
            } catch (RuntimeException bookkeeping) {
                LOG.log(Level.WARNING, "Could not record the failure of sweep " + sweep.name() + " of instance " + instanceId, bookkeeping);
            }
        }
        int deleted = byType.getOrDefault(ChangeType.DELETED, 0);
        int changed = byType.values().stream().mapToInt(Integer::intValue).sum() - deleted;
        return Optional.of(new RunSummary.SweepRun(sweep.name(), pages, read, changed, deleted, complete, refused,
                failure == null ? null : failure.kind(), failure == null ? null : failure.message()));
    }

    /** Why a resource's part (a poll or a sweep) failed; a quota pause also pauses the instance. */
    private Failure failure(RuntimeException e, long instanceId, String what) {
        Failure failure;
        if (e instanceof ResourceFailure f) {
            failure = new Failure(f.kind, f.getMessage());
        } else if (e instanceof ProviderUnavailable p) {
            String error = p.getMessage() + (p.providerMessage() == null ? "" : " (provider: " + p.providerMessage() + ")");
            failure = new Failure(kindOf(p.kind()), error);
            if (p.kind() == ProviderUnavailable.Kind.QUOTA_PAUSED) {
                lease.pause(instanceId, p.until() == null ? nextUtcMidnight() : p.until(), error);
            }
            // INVALID_CREDENTIALS: the element marks the instance invalid and fires InstanceChanged; its timer goes
        } else if (e instanceof PageRecorder.LeaseLost) {
            failure = new Failure(PollErrorKind.LEASE_LOST, e.getMessage());
        } else {
            failure = new Failure(PollErrorKind.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.log(Level.WARNING, "Polling " + what + " of instance " + instanceId + " failed", e);
        }
        metrics.error(failure.kind().name());
        return failure;
    }

    private record Failure(PollErrorKind kind, String message) {
    }

    private Instant cursorOf(long instanceId, String resource) {
        return targets.cursor(instanceId, resource).flatMap(ResourceCursor::cursor).orElse(null);
    }

    private HubReader hub() {
        if (hubs.isUnsatisfied()) {
            throw new ResourceFailure(PollErrorKind.NO_HUB, "No hub reader is deployed");
        }
        return hubs.get();
    }

    private static Instant nextUtcMidnight() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static PollErrorKind kindOf(ProviderUnavailable.Kind kind) {
        // no default: a kind the hubs add does not compile until the poller knows what it means for a pass
        return switch (kind) {
            case QUOTA_PAUSED -> PollErrorKind.QUOTA_PAUSED;
            case INVALID_CREDENTIALS -> PollErrorKind.INVALID_CREDENTIALS;
            case RATE_LIMITED -> PollErrorKind.RATE_LIMITED;
            case PROVIDER_ERROR -> PollErrorKind.PROVIDER_ERROR;
            case PROVIDER_REJECTED -> PollErrorKind.PROVIDER_REJECTED;
        };
    }

    private static final class ResourceFailure extends RuntimeException {
        final PollErrorKind kind;

        ResourceFailure(PollErrorKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
