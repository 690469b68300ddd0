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
                              PollErrorKind errorKind, String error, List<SweepRun> sweeps) {

        /** The resource's part failed in a way that stops the run (a sweep's quota pause, say). */
        public ResourceRun withError(PollErrorKind kind, String message) {
            return new ResourceRun(resource, pages, recordsRead, eventsRecorded, created, updated, deleted, skipped, lastSkip,
                    passComplete, cursor, kind, message, sweeps);
        }

        public ResourceRun withSweeps(List<SweepRun> done) {
            return new ResourceRun(resource, pages, recordsRead, eventsRecorded, created, updated, deleted, skipped, lastSkip,
                    passComplete, cursor, errorKind, error, List.copyOf(done));
        }
    }

    /**
     * What one sweep of a resource did in the run.
     *
     * @param changed  records whose content changed (UPDATED, or CREATED for one the polls had not seen yet)
     * @param complete whether its pass ended in this run (its listing was read to the end)
     * @param refused  why a complete sweep took no record for deleted, or null
     */
    public record SweepRun(String sweep, int pages, int recordsRead, int changed, int deleted, boolean complete, String refused,
                           PollErrorKind errorKind, String error) {
    }

    public static RunSummary notRun(long instanceId, Outcome outcome, PollerStatus status, String trigger, Instant at,
            Instant pausedUntil, String error) {
        return new RunSummary(instanceId, outcome, status, trigger, at, at, pausedUntil, error, List.of());
    }
}
