package dev.changewire.sandbox.control;

import static dev.changewire.platform.control.JsonProviders.JSON;

import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Objects;

/**
 * One sandbox Constant Contact account: its campaigns, contacts and lists. Every access holds the
 * account's monitor, so each read sees a consistent state and compound writes ({@link #atomically})
 * are not interleaved with others. Records are never removed: deleting one only marks it.
 */
public final class Account {

    private final String name;
    private final SandboxClock clock;
    private final int maxRecords;
    private final Map<RecordKind, Map<String, StoredRecord>> records = new EnumMap<>(RecordKind.class);
    private int size;
    private volatile AccountBehaviour behaviour = AccountBehaviour.DEFAULT;
    /** Writes the lagging index does not show yet: when they show, and what listings show until then (null: nothing). */
    private final Map<RecordKind, Map<String, Lagging>> lagging = new EnumMap<>(RecordKind.class);

    private record Lagging(Instant visibleFrom, StoredRecord previous) {
    }

    Account(String name, SandboxClock clock, int maxRecords) {
        this.name = name;
        this.clock = clock;
        this.maxRecords = maxRecords;
        for (RecordKind kind : RecordKind.values()) {
            records.put(kind, new LinkedHashMap<>());
            lagging.put(kind, new HashMap<>());
        }
    }

    public String name() {
        return name;
    }

    public SandboxClock clock() {
        return clock;
    }

    public synchronized List<StoredRecord> all(RecordKind kind) {
        return new ArrayList<>(records.get(kind).values());
    }

    public AccountBehaviour behaviour() {
        return behaviour;
    }

    public void behave(AccountBehaviour behaviour) {
        this.behaviour = Objects.requireNonNull(behaviour);
    }

    /**
     * What listings show: every record, except that a write the lagging index has not caught up with
     * shows as the record's previous version (or not at all when it is new).
     */
    public synchronized List<StoredRecord> listable(RecordKind kind) {
        Map<String, Lagging> pending = lagging.get(kind);
        if (pending.isEmpty()) {
            return all(kind);
        }
        Instant now = clock.now();
        pending.values().removeIf(l -> !l.visibleFrom().isAfter(now));
        List<StoredRecord> shown = new ArrayList<>();
        for (StoredRecord r : records.get(kind).values()) {
            Lagging l = pending.get(r.id());
            if (l == null) {
                shown.add(r);
            } else if (l.previous() != null) {
                shown.add(l.previous());
            }
        }
        return shown;
    }

    public synchronized Optional<StoredRecord> find(RecordKind kind, String id) {
        return Optional.ofNullable(records.get(kind).get(id));
    }

    public synchronized int count(RecordKind kind) {
        return records.get(kind).size();
    }

    /** Stores (adds or replaces) a record; adding beyond {@code changewire.sandbox.max-records-per-account} is refused. */
    public synchronized StoredRecord store(RecordKind kind, StoredRecord stored) {
        AccountBehaviour now = behaviour;
        StoredRecord record = now.secondPrecision() ? inWholeSeconds(kind, stored) : stored;
        Map<String, StoredRecord> map = records.get(kind);
        if (!now.indexLag().isZero()) {
            Lagging earlier = lagging.get(kind).get(record.id());
            // the index still shows what it showed before this write
            StoredRecord shown = earlier != null ? earlier.previous() : map.get(record.id());
            lagging.get(kind).put(record.id(), new Lagging(clock.now().plus(now.indexLag()), shown));
        }
        if (!map.containsKey(record.id())) {
            if (size >= maxRecords) {
                throw ProviderError.badRequest("limit_exceeded", "Account '" + name + "' holds its maximum of " + maxRecords
                        + " records (changewire.sandbox.max-records-per-account)");
            }
            size++;
        }
        map.put(record.id(), record);
        return record;
    }

    /**
     * Removes a record from the account: a hard delete, after which no listing (not even
     * {@code status=all}) shows it and reading it by id answers 404.
     */
    public synchronized Optional<StoredRecord> remove(RecordKind kind, String id) {
        StoredRecord removed = records.get(kind).remove(id);
        if (removed != null) {
            size--;
            lagging.get(kind).remove(id);
        }
        return Optional.ofNullable(removed);
    }

    private static StoredRecord inWholeSeconds(RecordKind kind, StoredRecord record) {
        JsonObjectBuilder body = JSON.createObjectBuilder(record.body());
        for (String field : List.of("created_at", "updated_at", "deleted_at")) {
            Instant at = StoredRecord.parseInstant(record.string(field) == null ? "" : record.string(field));
            if (at != null) {
                body.add(field, DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS)));
            }
        }
        return StoredRecord.of(kind, body.build());
    }

    /** Runs a read-modify-write without other requests' writes in between. */
    public synchronized <T> T atomically(Supplier<T> work) {
        return work.get();
    }
}
