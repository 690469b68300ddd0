package dev.changewire.sandbox.control;

import dev.changewire.sandbox.entity.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One page of a collection in a fixed order, continuing after a position: the order's key (a
 * timestamp and the record id as tie-breaker) of the last record of the previous page.
 */
public final class Listing {

    /** Campaigns: {@code updated_at} newest first. */
    public static final Listing UPDATED_DESC = new Listing(StoredRecord::updatedAt, true);
    /** Contacts and lists: {@code created_at} oldest first, then id. */
    public static final Listing CREATED_ASC = new Listing(StoredRecord::createdAt, false);

    private final Function<StoredRecord, Instant> timestamp;
    private final boolean descending;
    private final Comparator<StoredRecord> order;

    private Listing(Function<StoredRecord, Instant> timestamp, boolean descending) {
        this.timestamp = timestamp;
        this.descending = descending;
        Comparator<StoredRecord> ascending = Comparator.comparing((StoredRecord r) -> millis(r)).thenComparing(StoredRecord::id);
        this.order = descending ? ascending.reversed() : ascending;
    }

    public record Page(List<StoredRecord> records, int total, Optional<String> nextAfter) {
    }

    public Page page(List<StoredRecord> all, Predicate<StoredRecord> filter, String after, int limit) {
        Position position = after == null ? null : Position.parse(after);
        List<StoredRecord> matching = new ArrayList<>();
        for (StoredRecord r : all) {
            if (filter.test(r)) {
                matching.add(r);
            }
        }
        matching.sort(order);
        List<StoredRecord> page = new ArrayList<>();
        boolean more = false;
        for (StoredRecord r : matching) {
            if (position != null && !isAfter(r, position)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(r);
        }
        Optional<String> next = more ? Optional.of(new Position(millis(page.get(page.size() - 1)), page.get(page.size() - 1).id()).toString())
                : Optional.empty();
        return new Page(page, matching.size(), next);
    }

    private boolean isAfter(StoredRecord r, Position p) {
        int c = Long.compare(millis(r), p.millis());
        if (c == 0) {
            c = r.id().compareTo(p.id());
        }
        return descending ? c < 0 : c > 0;
    }

    private long millis(StoredRecord r) {
        Instant t = timestamp.apply(r);
        return t == null ? Long.MIN_VALUE : t.toEpochMilli();
    }

    record Position(long millis, String id) {

        static Position parse(String text) {
            int colon = text.indexOf(':');
            try {
                return new Position(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw ProviderError.invalidParameter("The cursor is not valid: follow _links.next.href exactly as returned");
            }
        }

        @Override
        public String toString() {
            return millis + ":" + id;
        }
    }
}
