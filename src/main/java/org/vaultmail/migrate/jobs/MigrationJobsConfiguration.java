package org.vaultmail.migrate.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.engine.MigrationEngine;
import org.vaultmail.oauth.OAuthFlows;
import org.vaultmail.oauth.OAuthGrants;
import org.vaultmail.oauth.OAuthProviders;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/**
 * Migration jobs (ADR 0042): the two sealed columns (so {@code keys status/rewrap/retire} cover them), the sources,
 * the jobs service and this node's runner, which polls once the application is ready and stops on close. The engine
 * is whatever {@link MigrationEngine} bean the context has (none: jobs stay queued).
 */
@Configuration(proxyBeanMethods = false)
class MigrationJobsConfiguration {

    @Bean
    SealedColumn migrationSourceCredentialsColumn() {
        return JobCredentials.SOURCE;
    }

    @Bean
    SealedColumn migrationDestinationCredentialsColumn() {
        return JobCredentials.DESTINATION;
    }

    @Bean
    SealedColumn migrationOAuthDraftCredentialsColumn() {
        return OAuthImportService.DRAFT_DESTINATION;
    }

    /** Imports from OAuth mailboxes (ADR 0046): the drafts and the {@code migration-source} callback handler. */
    @Bean
    OAuthImportService migrationOAuthImports(JdbcTemplate jdbc, PlatformTransactionManager transactions, Vault vault,
                                             MailServerDirectory directory, MigrationSources sources, MigrationJobs jobs,
                                             ObjectProvider<OAuthProviders> providers, ObjectProvider<OAuthFlows> flows,
                                             ObjectProvider<OAuthGrants> grants, Environment environment,
                                             ObjectProvider<Clock> clock) {
        Map<String, String> servers = Binder.get(environment)
                .bind("vaultmail.migrate.oauth-servers", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Duration lifetime = environment.getProperty("vaultmail.migrate.oauth.draft-lifetime", Duration.class,
                Duration.ofMinutes(15));
        return new OAuthImportService(jdbc, new TransactionTemplate(transactions), new JobCredentials(vault),
                new ServerResolver(directory, sources), jobs, providers, flows, grants, servers, lifetime,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    JobRows migrationJobRows(JdbcTemplate jdbc) {
        return new JobRows(jdbc);
    }

    @Bean
    MigrationEvents migrationEvents(ApplicationEventPublisher publisher, ObjectProvider<Clock> clock) {
        return new MigrationEvents(publisher, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    MigrationSources migrationSources(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                      MailServerDirectory directory, MigrationEvents events, ObjectProvider<Clock> clock) {
        return new JdbcMigrationSources(jdbc, new TransactionTemplate(transactions), directory, events,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    JobGrants migrationJobGrants(JobRows rows, ObjectProvider<OAuthGrants> grants) {
        return new JobGrants(rows, grants);
    }

    @Bean(destroyMethod = "close")
    JobRunner migrationJobRunner(JobRows rows, JdbcTemplate jdbc, Vault vault, MailServerDirectory directory,
                                 MigrationSources sources, ObjectProvider<MigrationEngine> engine, MigrationEvents events,
                                 MigrateProperties properties, PlatformTransactionManager transactions,
                                 ObjectProvider<Clock> clock, JobGrants grants,
                                 @Value("${vaultmail.migrate.oauth.connection-max-age:45s}") Duration tokenConnectionMaxAge) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        JobCredentials credentials = new JobCredentials(vault);
        ServerResolver resolver = new ServerResolver(directory, sources);
        return new JobRunner(rows, tx, engine,
                e -> new JobExecution.Deps(rows, credentials, resolver, e, events, jdbc, tx, properties, c, grants,
                        tokenConnectionMaxAge),
                properties, c, JobRunner.nodeId(properties.nodeId()));
    }

    @Bean
    MigrationJobs migrationJobs(JobRows rows, Vault vault, MailServerDirectory directory, MigrationSources sources,
                                MailLogins logins, MigrationEvents events, JobRunner runner, MigrateProperties properties,
                                PlatformTransactionManager transactions, ObjectProvider<Clock> clock, JobGrants grants) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        return new JdbcMigrationJobs(rows, new JobCredentials(vault), new ServerResolver(directory, sources),
                new LoginProbe(logins), new LoginTestAllowance(properties.loginTestsPerHour(), c), events, runner,
                new TransactionTemplate(transactions), c, grants);
    }

    /** On where scheduled work runs; {@code vaultmail.migrate.enabled} decides alone if set. */
    @Bean
    @ConditionalOnExpression("${vaultmail.migrate.enabled:${vaultmail.scheduling.enabled:true}}")
    MigrationPoller migrationPoller(JobRunner runner, JobGrants grants, ObjectProvider<OAuthImportService> oauthImports) {
        return new MigrationPoller(runner, () -> {
            grants.sweep();
            OAuthImportService imports = oauthImports.getIfAvailable();
            if (imports != null) imports.deleteExpiredDrafts();
        });
    }

    /** Polls from the moment the application is ready (not before: the engine and the keys may still be starting). */
    static final class MigrationPoller {
        private final JobRunner runner;
        private final Runnable housekeeping;
        private volatile boolean ready;

        MigrationPoller(JobRunner runner, Runnable housekeeping) {
            this.runner = runner;
            this.housekeeping = housekeeping;
        }

        @EventListener(ApplicationReadyEvent.class)
        void ready() {
            ready = true;
            runner.autoPoll(true);
            runner.poll();
        }

        @Scheduled(fixedDelayString = "${vaultmail.migrate.poll-interval:2s}", initialDelayString = "${vaultmail.migrate.poll-interval:2s}")
        void poll() {
            if (!ready) return;
            runner.poll();
            try {
                housekeeping.run(); // ended OAuth jobs' grants left behind, expired OAuth drafts
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(MigrationPoller.class).warn("migration housekeeping failed ({})",
                        e.getClass().getSimpleName());
            }
        }
    }
}
