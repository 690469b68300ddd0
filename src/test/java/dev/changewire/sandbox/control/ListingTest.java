package dev.changewire.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingTest {

    static StoredRecord list(String id, String created, String updated) {
        return StoredRecord.of(RecordKind.LISTS, Json.createObjectBuilder().add("list_id", id).add("name", id)
                .add("created_at", created).add("updated_at", updated).build());
    }

    @Test
    void createdAscendingPagesVisitEveryRecordOnceWithIdAsTieBreaker() {
        List<StoredRecord> records = List.of(
                list("c", "2026-01-01T00:00:00.000Z", "2026-01-05T00:00:00.000Z"),
                list("a", "2026-01-02T00:00:00.000Z", "2026-01-01T00:00:00.000Z"),
                list("b", "2026-01-01T00:00:00.000Z", "2026-01-03T00:00:00.000Z"),
                list("d", "2025-12-31T00:00:00.000Z", "2026-01-02T00:00:00.000Z"));
        assertEquals(List.of("d", "b", "c", "a"), walk(Listing.CREATED_ASC, records, 1));
        assertEquals(List.of("d", "b", "c", "a"), walk(Listing.CREATED_ASC, records, 3));
        assertEquals(List.of("c", "b", "d", "a"), walk(Listing.UPDATED_DESC, records, 2));
    }

    @Test
    void countsEveryMatchAndStopsWithoutNextOnTheLastPage() {
        List<StoredRecord> records = List.of(list("a", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"),
                list("b", "2026-01-02T00:00:00.000Z", "2026-01-02T00:00:00.000Z"));
        Listing.Page page = Listing.CREATED_ASC.page(records, r -> true, null, 2);
        assertEquals(2, page.total());
        assertTrue(page.nextAfter().isEmpty());
        Listing.Page filtered = Listing.CREATED_ASC.page(records, r -> r.id().equals("b"), null, 1);
        assertEquals(1, filtered.total());
        assertEquals("b", filtered.records().get(0).id());
    }

    @Test
    void aRecordWrittenBehindTheCursorDoesNotShiftLaterPages() {
        List<StoredRecord> records = new ArrayList<>(List.of(list("a", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z"),
                list("b", "2026-01-02T00:00:00.000Z", "2026-01-02T00:00:00.000Z"),
                list("c", "2026-01-03T00:00:00.000Z", "2026-01-03T00:00:00.000Z")));
        Listing.Page first = Listing.CREATED_ASC.page(records, r -> true, null, 1);
        records.add(list("0", "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"));
        Listing.Page second = Listing.CREATED_ASC.page(records, r -> true, first.nextAfter().orElseThrow(), 1);
        assertEquals("b", second.records().get(0).id());
    }

    static List<String> walk(Listing listing, List<StoredRecord> records, int limit) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 10; i++) {
            Listing.Page page = listing.page(records, r -> true, after, limit);
            page.records().forEach(r -> ids.add(r.id()));
            if (page.nextAfter().isEmpty()) {
                return ids;
            }
            after = page.nextAfter().get();
        }
        throw new AssertionError("no last page");
    }
}
