package dev.changewire.polling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.polling.entity.PollPass;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PassProgressTest {

    static final Instant SINCE = Instant.parse("2026-11-27T12:00:00Z");
    static final Instant STARTED = Instant.parse("2026-11-27T13:00:00Z");
    static final Optional<Instant> CURSOR = Optional.of(Instant.parse("2026-11-27T12:02:00Z"));

    @Test
    void newestFirstPagesMoveTheCursorOnlyWhenThePassEnds() {
        PollPass pass = PollPass.begin(SINCE, STARTED);
        PassProgress first = PassProgress.afterPage(CURSOR, pass, List.of(at("12:50"), at("12:40")), "token-2");
        assertEquals(CURSOR, first.cursor(), "a page with more to come leaves the cursor");
        PollPass running = first.pass().orElseThrow();
        assertEquals("token-2", running.nextPage());
        assertEquals(Optional.of(at("12:50")), running.max());
        assertEquals(SINCE, running.since(), "every page reads the same query");

        PassProgress last = PassProgress.afterPage(first.cursor(), running, List.of(at("12:10"), at("12:05")), null);
        assertEquals(Optional.of(at("12:50")), last.cursor(), "the pass's maximum, not the last page's");
        assertTrue(last.pass().isEmpty());
    }

    @Test
    void aPassCutByThePageLimitKeepsItsProgressForTheNextRun() {
        PollPass pass = new PollPass(SINCE, STARTED, "token-7", Optional.of(at("12:30")));
        PassProgress next = PassProgress.afterPage(CURSOR, pass, List.of(at("12:20")), "token-8");
        assertEquals(Optional.of(at("12:30")), next.pass().orElseThrow().max());
        assertEquals(STARTED, next.pass().orElseThrow().started());
    }

    @Test
    void theCursorNeverMovesBackNorPastThePassStart() {
        PollPass pass = PollPass.begin(SINCE, STARTED);
        assertEquals(CURSOR, PassProgress.afterPage(CURSOR, pass, List.of(at("12:01")), null).cursor());
        assertEquals(CURSOR, PassProgress.afterPage(CURSOR, pass, List.of(), null).cursor(), "an empty pass keeps the cursor");
        assertEquals(Optional.of(STARTED),
                PassProgress.afterPage(CURSOR, pass, List.of(Instant.parse("2027-01-01T00:00:00Z")), null).cursor(),
                "a record dated in the future moves the cursor only to the pass start");
    }

    @Test
    void theFirstPassSetsTheFirstCursor() {
        PassProgress done = PassProgress.afterPage(Optional.empty(), PollPass.begin(SINCE, STARTED), List.of(at("12:03"), at("12:07")), "");
        assertEquals(Optional.of(at("12:07")), done.cursor());
        assertTrue(done.pass().isEmpty(), "a blank token ends the pass");
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-27T" + time + ":00Z");
    }
}
