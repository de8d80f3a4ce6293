package org.vaultmail.vault;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code keys status} shows: the root keys and their source, which root key wraps the data
 * keyset, the data keys, and how many rows of each sealed column use each data key.
 */
public record KeyStatus(RootKeySource rootSource, String rootDescription, List<Long> rootKeyIds, long rootPrimaryKeyId,
                        long dataKeysetWrappedBy, List<DataKey> dataKeys, List<RowCount> rows) {

    /** A data key; {@code created} is null for keys whose creation was not recorded. */
    public record DataKey(long id, boolean primary, @Nullable Instant created) {
    }

    /** {@code rows} rows of {@code column} (table.column) are sealed under {@code keyId}. */
    public record RowCount(String column, long keyId, long rows) {
    }

    public KeyStatus {
        rootKeyIds = List.copyOf(rootKeyIds);
        dataKeys = List.copyOf(dataKeys);
        rows = List.copyOf(rows);
    }

    public long primaryDataKeyId() {
        return dataKeys.stream().filter(DataKey::primary).mapToLong(DataKey::id).findFirst().orElse(-1);
    }

    /** Rows in all sealed columns that use {@code keyId}. */
    public long rowsUsing(long keyId) {
        return rows.stream().filter(r -> r.keyId() == keyId).mapToLong(RowCount::rows).sum();
    }

    /** Rows in all sealed columns not yet under the primary data key: what rewrap has left to do. */
    public long rowsNotOnPrimary() {
        long primary = primaryDataKeyId();
        return rows.stream().filter(r -> r.keyId() != primary).mapToLong(RowCount::rows).sum();
    }
}
