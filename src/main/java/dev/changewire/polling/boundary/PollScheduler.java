package dev.changewire.polling.boundary;

import dev.changewire.instances.control.InstanceChanged;
import dev.changewire.platform.control.ApplicationStopping;
import dev.changewire.polling.control.DuePolls;
import dev.changewire.polling.control.LeaseTerms;
import dev.changewire.polling.control.PollLease;
import dev.changewire.polling.control.PollTargets;
import dev.changewire.polling.control.Poller;
import dev.changewire.polling.control.PollerMetrics;
import dev.changewire.polling.control.PollerSettings;
import dev.changewire.polling.control.QuotaPlanner;
import dev.changewire.polling.control.ScheduleSpread;
import dev.changewire.polling.entity.PollTarget;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One non-persistent interval timer per instance to be polled, first due at the instance's spread
 * slot. The timers hold nothing the database does not: they are built at startup, follow
 * {@link InstanceChanged} at once, and every {@code changewire.poller.reconcile-interval} each node
 * matches its timers against the database again, so nodes converge without talking to each other.
 * A timeout only queues the run in {@link DuePolls}, where up to {@code changewire.poller.concurrency}
 * runners on this node's poller executor take the oldest due run first, so one slow poll never delays
 * another instance's timer and a saturated node polls late rather than dropping runs; the lease in the
 * database decides which node's timer actually polls.
 * <p>
 * Nothing here runs in an API request: an {@link InstanceChanged} only records the instance as changed,
 * and a short dispatch timer applies the recorded changes on the executor. A request therefore never
 * waits for, or fails because of, a busy poller.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration") // its timers read tables the migration creates
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ManagedExecutorDefinition(name = PollScheduler.EXECUTOR, maxAsync = PollerSettings.MAX_CONCURRENCY + 2)
public class PollScheduler {

    static final String EXECUTOR = "java:app/concurrent/changewire-poller";
    /** How often recorded instance changes are applied and idle runners restarted. */
    static final long DISPATCH_MILLIS = 250;
    private static final Logger LOG = Logger.getLogger(PollScheduler.class.getName());

    /** A timer's info: which instance it polls and at what interval (a changed interval replaces the timer). */
    public record PollTimer(long instanceId, Duration interval) implements Serializable {
    }

    /** The info of the reconciliation timer. */
    public record ReconcileTimer() implements Serializable {
    }

    /** The info of the dispatch timer (applies recorded instance changes, restarts runners). */
    public record DispatchTimer() implements Serializable {
    }

    @Resource
    TimerService timerService;

    @Resource
    SessionContext context;

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    ApplicationStopping applicationStopping;

    @Inject
    DuePolls due;

    @Inject
    PollerMetrics metrics;

    @Inject
    PollTargets targets;

    @Inject
    PollLease lease;

    @Inject
    Poller poller;

    @Inject
    PollerSettings settings;

    @Inject
    QuotaPlanner planner;

    /** Instances changed since the dispatch timer last looked: their timers are matched with the database. */
    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean applying = new AtomicBoolean();
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private final Object reconciling = new Object();
    private volatile Instant lastReconciled;
    private volatile Instant started;
    private volatile boolean stopping;

    /**
     * Sets no poll timer before {@code changewire.poller.start-delay} has passed. Payara Micro started
     * with {@code --rootdir} and {@code --deploy} first loads the copy of the application its root kept
     * from the last run, then undeploys it for the new one; a copy that polled in that window could spend
     * a refresh token and be undeployed before storing the rotated one. The stale copy never outlives the
     * delay, so only the deployment that stays polls. {@code stopping} keeps timers that fire during an
     * undeployment from starting runs.
     */
    @PostConstruct
    void start() {
        started = Instant.now();
        if (!settings.enabled()) {
            LOG.info("Scheduled polling is off on this node (" + PollerSettings.ENABLED_KEY + "=false)");
            return;
        }
        long every = settings.reconcileInterval().toMillis();
        long delay = Math.max(1, settings.startDelay().toMillis());
        timerService.createIntervalTimer(delay, every, new TimerConfig(new ReconcileTimer(), false));
        timerService.createIntervalTimer(delay, DISPATCH_MILLIS, new TimerConfig(new DispatchTimer(), false));
        metrics.backlog(due);
        LOG.info(() -> "Scheduled polling starts in " + settings.startDelay() + " (" + PollerSettings.START_DELAY_KEY + ")");
    }

    /**
     * A node stopped in order gives back the leases of the runs it had in flight at once. Otherwise each
     * of those instances stays unpolled by every node until its lease expires
     * ({@code changewire.poller.lease}, 5 minutes by default), on every rolling restart. A run still going
     * on this node loses its lease with it, so its next page commit fails instead of racing the node that
     * takes over (the page is read again from the unmoved cursor).
     */
    @PreDestroy
    void stop() {
        stopping = true;
        applicationStopping.begin();
        releaseLeasesOfThisProcess("runs in flight as this deployment stops", Instant.now());
    }

    @Timeout
    public void timeout(Timer timer) {
        if (stopping) {
            return;
        }
        Serializable info = timer.getInfo();
        if (info instanceof ReconcileTimer) {
            if (reconcileQueued.compareAndSet(false, true)
                    && !submit(() -> {
                        try {
                            self().reconcile();
                        } finally {
                            reconcileQueued.set(false);
                        }
                    })) {
                reconcileQueued.set(false);
            }
        } else if (info instanceof DispatchTimer) {
            dispatch();
        } else if (info instanceof PollTimer poll) {
            // the slot this timer fires for (timers fire a little early or late), so the queue orders by real lateness
            Instant slot = LeaseTerms.scheduled(Long.toString(poll.instanceId()), poll.interval(), Instant.now(), settings.lease()).slot();
            DuePolls.Admission admission = due.offer(poll.instanceId(), slot);
            if (admission == DuePolls.Admission.FULL) {
                metrics.refused();
                LOG.fine(() -> "The poller's queue is full (" + due.capacity() + "); instance " + poll.instanceId() + " waits for its next timer");
            } else if (admission == DuePolls.Admission.QUEUED) {
                startRunners();
            }
        }
    }

    /**
     * Records a committed instance change (disable, delete, interval or events switched); the dispatch
     * timer applies it within {@value #DISPATCH_MILLIS} ms. Only a set insertion: the committing request
     * neither waits for the poller nor fails because its executor is busy.
     */
    public void instanceChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) InstanceChanged change) {
        if (settings.enabled()) {
            changed.add(change.instanceId());
        }
    }

    /** Applies the recorded instance changes on the executor (one task at a time) and starts runners for waiting polls. */
    private void dispatch() {
        if (!changed.isEmpty() && applying.compareAndSet(false, true) && !submit(this::applyChanges)) {
            applying.set(false); // the next dispatch tries again; the changes stay recorded
        }
        startRunners();
    }

    private void applyChanges() {
        try {
            while (!stopping && !changed.isEmpty()) {
                for (Long id : Set.copyOf(changed)) {
                    changed.remove(id);
                    try {
                        self().reconcile(id);
                    } catch (RuntimeException e) {
                        // the next full reconciliation matches the timer; the poll rows are made by the first run
                        LOG.log(Level.WARNING, "Could not apply the change of instance " + id + "; the next reconciliation does", e);
                    }
                }
            }
        } finally {
            applying.set(false);
        }
    }

    /** Starts runners while polls wait and fewer than the configured concurrency run. */
    private void startRunners() {
        while (!stopping && due.claimRunner()) {
            if (!submit(this::runDue)) {
                due.retire(); // the polls stay queued; the next dispatch starts a runner
                return;
            }
        }
    }

    /** A runner: runs the oldest due poll until none waits. */
    private void runDue() {
        while (true) {
            if (stopping) {
                due.retire();
                return;
            }
            Optional<DuePolls.DuePoll> next = due.nextOrRetire();
            if (next.isEmpty()) {
                return;
            }
            long id = next.get().instanceId();
            try {
                poller.run(id, Poller.SCHEDULED);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Scheduled poll of instance " + id + " failed", e);
            } finally {
                due.done(id);
            }
        }
    }

    /** Matches every timer of this node with the database. */
    public void reconcile() {
        if (lastReconciled == null) {
            releaseLeasesOfThisProcess("runs of a replaced deployment in this process", started);
        }
        // the intervals the quota planner allows (stretched when an API key's day does not fit), not only the configured ones
        Map<Long, Duration> wanted = planner.plan(targets.schedule());
        synchronized (reconciling) {
            Map<Long, Duration> present = new HashMap<>();
            for (Timer timer : timerService.getTimers()) {
                if (timer.getInfo() instanceof PollTimer poll) {
                    Duration interval = wanted.get(poll.instanceId());
                    if (interval == null || !interval.equals(poll.interval()) || present.containsKey(poll.instanceId())) {
                        cancel(timer);
                    } else {
                        present.put(poll.instanceId(), interval);
                    }
                }
            }
            wanted.forEach((id, interval) -> {
                if (!present.containsKey(id)) {
                    schedule(id, interval);
                }
            });
        }
        lastReconciled = Instant.now();
    }

    /** Matches one instance's timer with the database. */
    public void reconcile(long instanceId) {
        Optional<Duration> wanted = targets.scheduleOf(instanceId).map(interval -> planner.effective(instanceId, interval));
        Optional<PollTarget> target = targets.find(instanceId);
        boolean eventsOn = target.map(PollTarget::eventsEnabled).orElse(false);
        if (target.isPresent() && target.get().active()) {
            try {
                // the baseline of a newly enabled instance or a newly added resource is the change that did it
                lease.ensure(instanceId);
                lease.ensureCursors(instanceId, target.get().configuration().resources().keySet(), target.get().changedAt());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Another node created the poll rows of " + instanceId, e);
            }
        }
        synchronized (reconciling) {
            boolean kept = false;
            for (Timer timer : timerService.getTimers()) {
                if (timer.getInfo() instanceof PollTimer poll && poll.instanceId() == instanceId) {
                    if (!kept && wanted.isPresent() && wanted.get().equals(poll.interval())) {
                        kept = true;
                    } else {
                        cancel(timer);
                    }
                }
            }
            if (!kept && wanted.isPresent()) {
                schedule(instanceId, wanted.get());
            }
        }
        if (!eventsOn) {
            // switched off (or deleted): a later enabling starts from a new baseline
            try {
                lease.forgetInstance(instanceId);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not forget the poll state of " + instanceId, e);
            }
        }
    }

    /**
     * Payara Micro started with {@code --rootdir} and {@code --deploy} first runs the copy of the
     * application its root kept, then replaces it. A run that copy started holds its lease until the lease
     * expires: on a loaded machine the copy lives past the start delay. Its leases carry this process's node
     * id, so the deployment that stays frees them before it sets its first timers; a run of the replaced
     * copy that is still going then fails at its next page commit.
     */
    private void releaseLeasesOfThisProcess(String whose, Instant startedBefore) {
        try {
            int released = lease.releaseAllOf(settings.nodeId(), startedBefore);
            if (released > 0) {
                LOG.info(() -> "Gave back the poll leases of " + released + " " + whose);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not give back the poll leases of " + whose + "; they expire after " + settings.lease(), e);
        }
    }

    /** When this node last matched its timers with the database (null before the first time). */
    public Instant lastReconciled() {
        return lastReconciled;
    }

    /** When this node's scheduler started. */
    public Instant started() {
        return started;
    }

    /** How many instances this node has timers for. */
    public int scheduledCount() {
        int count = 0;
        for (Timer timer : timerService.getTimers()) {
            if (timer.getInfo() instanceof PollTimer) {
                count++;
            }
        }
        return count;
    }

    private void schedule(long instanceId, Duration interval) {
        Instant first = ScheduleSpread.firstDue(Long.toString(instanceId), interval, Instant.now());
        timerService.createIntervalTimer(Date.from(first), interval.toMillis(),
                new TimerConfig(new PollTimer(instanceId, interval), false));
    }

    private static void cancel(Timer timer) {
        try {
            timer.cancel();
        } catch (RuntimeException e) {
            // it expired or was cancelled meanwhile
            LOG.log(Level.FINE, "Timer already gone", e);
        }
    }

    private boolean submit(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "The poller's executor refused a task; the next dispatch retries", e);
            return false;
        }
    }

    private PollScheduler self() {
        return context.getBusinessObject(PollScheduler.class);
    }
}
