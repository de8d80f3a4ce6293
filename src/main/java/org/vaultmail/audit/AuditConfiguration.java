package org.vaultmail.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Wires the audit log: keys, chain, verifier, checkpoints, the event listeners and the retention and checkpoint jobs. */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AuditConfiguration {

    static final String EXECUTOR = "auditExecutor";

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    /**
     * One thread that appends in publication order. On shutdown it finishes what is queued (up to 30 s)
     * before the database closes; anything left is still in event_publication and is published again.
     */
    @Bean(EXECUTOR)
    ThreadPoolTaskExecutor auditExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("audit-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }

    /** The current audit key exists from the start, so key status does not change on the first event. */
    @Bean
    SmartInitializingSingleton auditKeyCreation(AuditKeys keys) {
        return keys::ensureCurrent;
    }

    /** The sealed audit MAC keys: key status, rewrap and retire cover them like every sealed column. */
    @Bean
    SealedColumn auditMacKeyColumn() {
        return AuditKeys.COLUMN;
    }

    @Bean
    AuditKeys auditKeys(JdbcClient jdbc, Vault vault, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        return new AuditKeys(jdbc, vault, transactions, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AuditChain auditChain(JdbcClient jdbc, TransactionTemplate tx, AuditKeys keys, ObjectProvider<Clock> clock,
                          DataSource dataSource) {
        return new AuditChain(jdbc, tx, keys, clock.getIfAvailable(Clock::systemUTC), isPostgres(dataSource));
    }

    /** Checkpoints go to {@code <data-dir>/audit/checkpoints.jsonl} unless {@code vaultmail.audit.checkpoint-file} says otherwise. */
    @Bean
    CheckpointPublisher auditCheckpointPublisher(JdbcClient jdbc, AuditKeys keys, Vault vault, ObjectProvider<Clock> clock,
                                                 @Value("${vaultmail.data-dir:./data}") String dataDir,
                                                 @Value("${vaultmail.audit.checkpoint-file:}") String checkpointFile) {
        // the data directory by its property, not the DataDirectory bean: the root package depends on admin (no cycle)
        Path file = checkpointFile.isBlank() ? Path.of(dataDir).resolve("audit").resolve("checkpoints.jsonl") : Path.of(checkpointFile);
        return new CheckpointPublisher(jdbc, keys, vault, new CheckpointFile(file), clock.getIfAvailable(Clock::systemUTC), nodeName());
    }

    @Bean
    AuditLog auditLog(AuditChain chain, AuditKeys keys, CheckpointPublisher checkpoints, Vault vault, DataSource dataSource,
                      PlatformTransactionManager transactions, JdbcTemplate jdbc, ObjectProvider<Clock> clock,
                      @Value("${vaultmail.audit.retention:365d}") Duration retention) {
        return new AuditLog(chain, new AuditVerifier(dataSource, transactions, keys), checkpoints, new CheckpointSources(vault),
                jdbc, dataSource, transactions, clock.getIfAvailable(Clock::systemUTC), retention);
    }

    @Bean
    AuditRecorder auditRecorder(AuditChain chain) {
        return new AuditRecorder(chain);
    }

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    RetentionJob auditRetentionJob(AuditLog auditLog) {
        return new RetentionJob(auditLog);
    }

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    CheckpointJob auditCheckpointJob(AuditLog auditLog) {
        return new CheckpointJob(auditLog);
    }

    /**
     * Publishes a checkpoint of the head every {@code vaultmail.audit.checkpoint-interval} (ADR 0028), on
     * every node: each signs the one shared chain with the same key, and an unchanged head is written once.
     */
    static final class CheckpointJob {
        private final AuditLog auditLog;

        CheckpointJob(AuditLog auditLog) {
            this.auditLog = auditLog;
        }

        @Scheduled(fixedDelayString = "${vaultmail.audit.checkpoint-interval:15m}",
                initialDelayString = "${vaultmail.audit.checkpoint-interval:15m}")
        void publish() {
            auditLog.publishCheckpoint();
        }
    }

    /**
     * Purges expired entries. Safe on many nodes at once: the purge locks the chain head, so a second
     * node waits and then finds nothing left to delete.
     */
    static final class RetentionJob {
        private final AuditLog auditLog;

        RetentionJob(AuditLog auditLog) {
            this.auditLog = auditLog;
        }

        @Scheduled(fixedDelayString = "${vaultmail.audit.purge-interval:6h}", initialDelayString = "${vaultmail.audit.purge-interval:6h}")
        void purge() {
            long n = auditLog.purgeExpired();
            if (n > 0) log.info("Audit retention: purged {} entries older than {} days", n, auditLog.retention().toDays());
        }
    }

    /** Names the node in its checkpoints (informational: every node signs with the same key). */
    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the audit log is in: " + e.getMessage(), e);
        }
    }
}
