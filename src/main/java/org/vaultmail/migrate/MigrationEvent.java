package org.vaultmail.migrate;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Something a migration job did that the audit log records: {@code migration.job.created}, {@code .started},
 * {@code .finished}, {@code .failed}, {@code .cancelled}, {@code migration.credentials.deleted},
 * {@code migration.source.saved}, {@code migration.source.removed}. {@code details} hold non-secret facts only
 * (ids, servers, logins, counts, reasons): never a password.
 */
public record MigrationEvent(String action, String actorId, @Nullable Long ownerUserId, String jobId, String outcome,
                             Map<String, Object> details, @Nullable String clientAddress, Instant at) {

    public MigrationEvent {
        Objects.requireNonNull(action);
        Objects.requireNonNull(actorId);
        Objects.requireNonNull(jobId);
        Objects.requireNonNull(outcome);
        details = new TreeMap<>(details);
        Objects.requireNonNull(at);
    }
}
