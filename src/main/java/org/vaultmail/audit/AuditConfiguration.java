package org.vaultmail.audit;

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

/** Wires the audit log: keys, chain, verifier, the event listeners and the retention job. */
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

    @Bean
    AuditLog auditLog(AuditChain chain, AuditKeys keys, DataSource dataSource, PlatformTransactionManager transactions,
                      JdbcTemplate jdbc, ObjectProvider<Clock> clock,
                      @Value("${vaultmail.audit.retention:365d}") Duration retention) {
        return new AuditLog(chain, new AuditVerifier(dataSource, transactions, keys), jdbc, dataSource, transactions,
                clock.getIfAvailable(Clock::systemUTC), retention);
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

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the audit log is in: " + e.getMessage(), e);
        }
    }
}
