package dev.changewire.polling.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass over a resource: every page of one query, which may span several runs.
 *
 * @param since    the instant the query's URL was expanded with (kept so every page reads the same query)
 * @param started  when the pass began: no record may move the cursor past it
 * @param nextPage the provider's token of the next page, null before the first page
 * @param max      the largest changed timestamp seen so far in the pass; becomes the cursor when the
 *                 pass completes (pages of newest-first resources must not move it earlier)
 */
public record PollPass(Instant since, Instant started, String nextPage, Optional<Instant> max) {

    public PollPass {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(max, "max");
    }

    public static PollPass begin(Instant since, Instant started) {
        return new PollPass(since, started, null, Optional.empty());
    }
}
