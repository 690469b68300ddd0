package dev.changewire.polling.entity;

import java.time.Instant;
import java.util.List;

/**
 * What one poll run did.
 *
 * @param outcome   COMPLETED (every resource polled, some may have failed), BUSY (another run holds the
 *                  lease), NOT_DUE (another node ran this slot), PAUSED (quota), or NOT_ACTIVE (events
 *                  off, disabled, invalid, misconfigured or deleted)
 * @param status    the instance's poll state after the run
 * @param resources each polled resource's part
 */
public record RunSummary(long instanceId, Outcome outcome, PollerStatus status, String trigger, Instant started,
                         Instant ended, Instant pausedUntil, String error, List<ResourceRun> resources) {

    public enum Outcome { COMPLETED, BUSY, NOT_DUE, PAUSED, NOT_ACTIVE }

    /**
     * @param passComplete whether the resource's pass ended in this run (false: the page limit cut it and the next run continues)
     * @param errorKind    null when it succeeded, else why it failed
     */
    public record ResourceRun(String resource, int pages, int recordsRead, int eventsRecorded, int created, int updated,
                              int deleted, int skipped, String lastSkip, boolean passComplete, Instant cursor,
                              PollErrorKind errorKind, String error) {
    }

    public static RunSummary notRun(long instanceId, Outcome outcome, PollerStatus status, String trigger, Instant at,
            Instant pausedUntil, String error) {
        return new RunSummary(instanceId, outcome, status, trigger, at, at, pausedUntil, error, List.of());
    }
}
