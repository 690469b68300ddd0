package dev.changewire.sandbox.control;

import dev.changewire.sandbox.entity.RecordKind;
import dev.changewire.sandbox.entity.StoredRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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

    Account(String name, SandboxClock clock, int maxRecords) {
        this.name = name;
        this.clock = clock;
        this.maxRecords = maxRecords;
        for (RecordKind kind : RecordKind.values()) {
            records.put(kind, new LinkedHashMap<>());
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

    public synchronized Optional<StoredRecord> find(RecordKind kind, String id) {
        return Optional.ofNullable(records.get(kind).get(id));
    }

    public synchronized int count(RecordKind kind) {
        return records.get(kind).size();
    }

    /** Stores (adds or replaces) a record; adding beyond {@code changewire.sandbox.max-records-per-account} is refused. */
    public synchronized StoredRecord store(RecordKind kind, StoredRecord record) {
        Map<String, StoredRecord> map = records.get(kind);
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

    /** Runs a read-modify-write without other requests' writes in between. */
    public synchronized <T> T atomically(Supplier<T> work) {
        return work.get();
    }
}
