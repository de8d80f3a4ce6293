package org.vaultmail.vault.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A keyset store without a database, for benchmarks and unit tests. */
public final class InMemoryKeysetStore implements KeysetStore {

    private Row row;
    private final Map<Long, Instant> created = new HashMap<>();

    @Override
    public synchronized void recordCreated(long keyId) {
        created.putIfAbsent(keyId, Instant.now());
    }

    @Override
    public synchronized Map<Long, Instant> createdTimes() {
        return Map.copyOf(created);
    }

    @Override
    public synchronized Optional<Row> read() {
        return Optional.ofNullable(row);
    }

    @Override
    public synchronized OptionalLong version() {
        return row == null ? OptionalLong.empty() : OptionalLong.of(row.version());
    }

    @Override
    public synchronized boolean insertIfAbsent(byte[] ciphertext, long rootKeyId) {
        if (row != null) return false;
        row = new Row(ciphertext.clone(), rootKeyId, 1);
        return true;
    }

    @Override
    public synchronized boolean compareAndSet(long expectedVersion, byte[] ciphertext, long rootKeyId) {
        if (row == null || row.version() != expectedVersion) return false;
        row = new Row(ciphertext.clone(), rootKeyId, expectedVersion + 1);
        return true;
    }
}
