package org.vaultmail.vault.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Where the wrapped data keyset lives: one row, versioned for compare-and-set updates. */
public interface KeysetStore {

    /** The stored row; the ciphertext is the data keyset encrypted under the root key {@code rootKeyId}. */
    record Row(byte[] ciphertext, long rootKeyId, long version) {
        @Override
        public String toString() {
            return "Row[rootKeyId=" + rootKeyId + ", version=" + version + ", " + ciphertext.length + " bytes]";
        }
    }

    Optional<Row> read();

    /** Just the version: the cheap poll every node does. */
    OptionalLong version();

    /** Creates the row (version 1) unless one exists; false when another node was first. */
    boolean insertIfAbsent(byte[] ciphertext, long rootKeyId);

    /** Replaces the row and bumps its version if it still has {@code expectedVersion}. */
    boolean compareAndSet(long expectedVersion, byte[] ciphertext, long rootKeyId);

    /** Notes when a data key was created (first call wins). */
    void recordCreated(long keyId);

    /** Creation times of data keys, by key id; keys created before this was recorded are absent. */
    Map<Long, Instant> createdTimes();
}
