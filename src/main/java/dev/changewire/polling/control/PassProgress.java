package dev.changewire.polling.control;

import dev.changewire.polling.entity.PollPass;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * How a resource's cursor and pass move when one page has been read. Pages may come newest first
 * (campaigns), so while a pass is running only its maximum moves; the cursor takes that maximum when
 * the last page has been read. A pass cut short by the run's page limit keeps its page token and
 * maximum, and the next run continues it.
 *
 * @param cursor the cursor after the page
 * @param pass   the pass still running, or empty when it completed with this page
 */
public record PassProgress(Optional<Instant> cursor, Optional<PollPass> pass) {

    public PassProgress {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(pass, "pass");
    }

    /**
     * @param cursor     the cursor before the page
     * @param pass       the pass the page belongs to
     * @param changedAts the changed timestamps of the page's readable records (skipped ones have none)
     * @param nextPage   the provider's token of the next page; null or blank when this was the last
     */
    public static PassProgress afterPage(Optional<Instant> cursor, PollPass pass, Collection<Instant> changedAts, String nextPage) {
        Optional<Instant> max = pass.max();
        for (Instant changedAt : changedAts) {
            max = PollWindow.advance(max, changedAt, pass.started());
        }
        if (nextPage != null && !nextPage.isBlank()) {
            return new PassProgress(cursor, Optional.of(new PollPass(pass.since(), pass.started(), nextPage, max)));
        }
        Optional<Instant> moved = cursor;
        if (max.isPresent() && (cursor.isEmpty() || max.get().isAfter(cursor.get()))) {
            moved = max;
        }
        return new PassProgress(moved, Optional.empty());
    }
}
