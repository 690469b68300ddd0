package dev.changewire.polling.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * This node's scheduled polls that are due and not started yet, oldest slot first, and the runners that
 * take them. A saturated node (more due runs than {@code changewire.poller.concurrency} runners finish)
 * does not refuse or drop due polls: they wait here, the latest one longest behind, so every instance
 * is polled late instead of some never. An instance is here or running at most once: a timer that fires
 * while its last run still waits or runs adds nothing. The bound ({@code changewire.poller.queue-capacity})
 * only matters above that many instances per node; a poll refused for it is counted, and its next timer
 * offers it again.
 * <p>
 * Runners are counted here, under the same lock as the queue, so that a poll offered while the last
 * runner retires always finds a runner: either the runner still takes it, or the offer may start one.
 */
@ApplicationScoped
public class DuePolls {

    /** A scheduled poll waiting for a runner: the instance and the slot it serves. */
    public record DuePoll(long instanceId, Instant due, long sequence) {
    }

    /** What became of an offered poll. */
    public enum Admission {
        QUEUED, ALREADY_QUEUED_OR_RUNNING, FULL
    }

    @Inject
    PollerSettings settings;

    private final Object lock = new Object();
    // oldest slot first; among equal slots, first offered first
    private final PriorityQueue<DuePoll> waiting = new PriorityQueue<>(
            Comparator.comparing(DuePoll::due).thenComparingLong(DuePoll::sequence));
    private final Set<Long> queuedOrRunning = new HashSet<>();
    private final Set<Long> waitingIds = new HashSet<>();
    private int capacity;
    private int concurrency;
    private int runners;
    private int running;
    private long sequence;
    private long refused;

    public DuePolls() {
    }

    DuePolls(int capacity, int concurrency) {
        this.capacity = capacity;
        this.concurrency = concurrency;
    }

    @PostConstruct
    void read() {
        capacity = settings.queueCapacity();
        concurrency = settings.concurrency();
    }

    /** Queues the instance's poll of the given slot unless it waits or runs already, or the queue is full. */
    public Admission offer(long instanceId, Instant due) {
        synchronized (lock) {
            if (queuedOrRunning.contains(instanceId)) {
                return Admission.ALREADY_QUEUED_OR_RUNNING;
            }
            if (waiting.size() >= capacity) {
                refused++;
                return Admission.FULL;
            }
            queuedOrRunning.add(instanceId);
            waitingIds.add(instanceId);
            waiting.add(new DuePoll(instanceId, due, sequence++));
            return Admission.QUEUED;
        }
    }

    /** True when polls wait and fewer than {@code concurrency} runners exist: the caller must start one (or {@link #retire} it). */
    public boolean claimRunner() {
        synchronized (lock) {
            if (waiting.isEmpty() || runners >= concurrency) {
                return false;
            }
            runners++;
            return true;
        }
    }

    /** The oldest waiting poll, now running; empty when none waits, and then the calling runner has retired. */
    public Optional<DuePoll> nextOrRetire() {
        synchronized (lock) {
            DuePoll next = waiting.poll();
            if (next == null) {
                runners--;
                return Optional.empty();
            }
            waitingIds.remove(next.instanceId());
            running++;
            return Optional.of(next);
        }
    }

    /** A runner that was claimed but could not start, or stops early, gives its place back. */
    public void retire() {
        synchronized (lock) {
            runners--;
        }
    }

    /** The instance's run (taken with {@link #nextOrRetire}) has ended: its next timer may queue it again. */
    public void done(long instanceId) {
        synchronized (lock) {
            if (queuedOrRunning.remove(instanceId)) {
                running--;
            }
        }
    }

    /** How many polls are due and not started. */
    public int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** How many scheduled runs this node's runners are running. */
    public int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Polls refused since startup because the queue was full. */
    public long refused() {
        synchronized (lock) {
            return refused;
        }
    }

    /** How late the oldest waiting poll is ({@code now} minus its slot), zero when none waits. */
    public Duration oldestLag(Instant now) {
        synchronized (lock) {
            DuePoll oldest = waiting.peek();
            if (oldest == null || oldest.due().isAfter(now)) {
                return Duration.ZERO;
            }
            return Duration.between(oldest.due(), now);
        }
    }

    /** Whether the instance's poll waits for a runner. */
    public boolean isWaiting(long instanceId) {
        synchronized (lock) {
            return waitingIds.contains(instanceId);
        }
    }

    public int concurrency() {
        return concurrency;
    }

    public int capacity() {
        return capacity;
    }
}
