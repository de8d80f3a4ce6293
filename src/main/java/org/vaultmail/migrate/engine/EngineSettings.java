package org.vaultmail.migrate.engine;

import java.time.Duration;

/**
 * How hard one pass may push (ADR 0041, runner): workers per job (each holds one source and one destination
 * connection), the default per-host connection cap, the size of the UID chunks a big folder is split into for parallel
 * copying, the slice handed to {@link FolderSync#copy} at a time (progress and checkpoint granularity), and the retry
 * budget for connects, dropped connections and throttling.
 *
 * @param maxReconnects  reconnect-and-resume attempts per unit of work (plan, chunk or finish of one folder)
 * @param connectAttempts attempts to open one connection before the pass fails as unreachable (auth: never retried)
 * @param maxThrottles   consecutive throttled answers per unit of work before the pass fails as unreachable
 */
public record EngineSettings(int workersPerJob, int connectionsPerHost, int chunkSize, int sliceSize,
                             int maxReconnects, int connectAttempts, int maxThrottles, Duration backoffBase,
                             Duration backoffCap) {

    public EngineSettings {
        if (workersPerJob < 1 || connectionsPerHost < 2 || chunkSize < 1 || sliceSize < 1) {
            throw new IllegalArgumentException("workers >= 1, connections per host >= 2, chunk and slice sizes >= 1");
        }
        if (maxReconnects < 0 || connectAttempts < 1 || maxThrottles < 0) {
            throw new IllegalArgumentException("retry budgets must not be negative (connect attempts >= 1)");
        }
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff base must be positive and the cap at least the base");
        }
    }

    /** 4 workers, 8 connections per host, chunks of 2,000 messages in slices of 200, 3 reconnects, backoff 1 s to 60 s. */
    public static EngineSettings defaults() {
        return new EngineSettings(4, 8, 2000, 200, 3, 4, 8, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public EngineSettings withWorkers(int workers) {
        return new EngineSettings(workers, connectionsPerHost, chunkSize, sliceSize, maxReconnects, connectAttempts,
                maxThrottles, backoffBase, backoffCap);
    }

    public EngineSettings withChunks(int chunk, int slice) {
        return new EngineSettings(workersPerJob, connectionsPerHost, chunk, slice, maxReconnects, connectAttempts,
                maxThrottles, backoffBase, backoffCap);
    }

    public EngineSettings withBackoff(Duration base, Duration cap) {
        return new EngineSettings(workersPerJob, connectionsPerHost, chunkSize, sliceSize, maxReconnects,
                connectAttempts, maxThrottles, base, cap);
    }
}
