package org.vaultmail.migrate.jobs;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.migrate.*}: how this node runs migration jobs (ADR 0042).
 *
 * @param enabled            whether this node's runner polls for jobs (default on where scheduled work runs)
 * @param pollInterval       how often the runner looks for queued jobs (default 2 s)
 * @param lease              how long a claimed job belongs to its node without a renewal (default 30 s); the runner
 *                           renews it about once a second, so a dead node's job is taken over after this
 * @param maxJobsPerNode     jobs one node runs at once (default 2)
 * @param maxJobsPerHost     running jobs (all nodes) that use one IMAP host as source or destination (default 2)
 * @param unreachableRetries claims of a job whose server was unreachable before it fails (default 3)
 * @param retryBackoff       the wait before the first retry of an unreachable job, doubled per retry (default 1 min)
 * @param loginTestsPerHour  "test connection" logins one requester may cause per hour (each is a password guess)
 * @param spoolDir           where big messages are spooled while copied (default {@code <data-dir>/migrate-spool})
 * @param nodeId             this node's lease owner name (default pid@host-random)
 * @param batchMessages      messages per FETCH and (MULTI)APPEND batch of the engine (default 200); smaller batches
 *                           mean finer progress and checkpoints, larger ones fewer round trips
 */
@ConfigurationProperties("vaultmail.migrate")
public record MigrateProperties(@Nullable Boolean enabled, @Nullable Duration pollInterval, @Nullable Duration lease,
                                @Nullable Integer maxJobsPerNode, @Nullable Integer maxJobsPerHost,
                                @Nullable Integer unreachableRetries, @Nullable Duration retryBackoff,
                                @Nullable Integer loginTestsPerHour, @Nullable Path spoolDir, @Nullable String nodeId,
                                @Nullable Integer batchMessages) {

    public MigrateProperties {
        enabled = enabled == null || enabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        maxJobsPerNode = maxJobsPerNode == null ? 2 : Math.max(1, maxJobsPerNode);
        maxJobsPerHost = maxJobsPerHost == null ? 2 : Math.max(1, maxJobsPerHost);
        unreachableRetries = unreachableRetries == null ? 3 : Math.max(0, unreachableRetries);
        retryBackoff = retryBackoff == null ? Duration.ofMinutes(1) : retryBackoff;
        loginTestsPerHour = loginTestsPerHour == null ? 30 : loginTestsPerHour;
        batchMessages = batchMessages == null ? 200 : Math.max(1, batchMessages);
    }

    /** Defaults everywhere (tests). */
    public static MigrateProperties defaults() {
        return new MigrateProperties(null, null, null, null, null, null, null, null, null, null, null);
    }

    public MigrateProperties withLease(Duration newLease) {
        return new MigrateProperties(enabled, pollInterval, newLease, maxJobsPerNode, maxJobsPerHost, unreachableRetries,
                retryBackoff, loginTestsPerHour, spoolDir, nodeId, batchMessages);
    }

    public MigrateProperties withLimits(int perNode, int perHost) {
        return new MigrateProperties(enabled, pollInterval, lease, perNode, perHost, unreachableRetries, retryBackoff,
                loginTestsPerHour, spoolDir, nodeId, batchMessages);
    }

    public MigrateProperties withRetries(int retries, Duration backoff) {
        return new MigrateProperties(enabled, pollInterval, lease, maxJobsPerNode, maxJobsPerHost, retries, backoff,
                loginTestsPerHour, spoolDir, nodeId, batchMessages);
    }

    /** The spool directory: the configured one, else {@code migrate-spool} under {@code dataDir}. */
    public Path spool(Path dataDir) {
        return spoolDir != null ? spoolDir : dataDir.resolve("migrate-spool");
    }
}
