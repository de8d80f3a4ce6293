package org.vaultmail.mail;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.mail.internal.AngusFolderWatcher;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.mail.internal.MailStoreCaches;

/** The {@link MailStoreFactory} on Angus Mail, with the timeouts of {@code vaultmail.mail.*}, and its pool. */
@Configuration(proxyBeanMethods = false)
class MailStoreConfiguration {

    /** The stores' caches, their hits and misses as meters (a {@code MeterBinder}: Spring Boot binds it to the registry). */
    @Bean
    MailStoreCaches mailStoreCaches() {
        return new MailStoreCaches();
    }

    @Bean
    MailStoreFactory mailStoreFactory(MailProperties properties, MailServerDirectory directory, MailStoreCaches caches) {
        AngusMailStoreFactory factory = new AngusMailStoreFactory(properties.connectTimeout(), properties.readTimeout(), directory::trustAnchors,
                caches);
        return properties.withPreviews() ? factory : factory.withoutPreviews();
    }

    @Bean(destroyMethod = "close")
    MailConnections mailConnections(MailStoreFactory factory, MailPoolProperties pool, ObjectProvider<Clock> clock) {
        return new MailConnections(factory, pool.perSession(), pool.perUser(), pool.perServer(), pool.idleTimeout(), pool.waitTimeout(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /** Push (ADR 0013): one dedicated IMAP connection per watch, capped per node. */
    @Bean(destroyMethod = "close")
    AngusFolderWatcher folderWatcher(MailProperties properties, MailPushProperties push, MailServerDirectory directory) {
        return new AngusFolderWatcher(new AngusMailStoreFactory(properties.connectTimeout(), properties.readTimeout(),
                directory::trustAnchors), push);
    }

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    IdleMailConnectionSweep idleMailConnectionSweep(MailConnections connections) {
        return new IdleMailConnectionSweep(connections);
    }

    /** Closes pooled connections idle for longer than {@code vaultmail.mail.pool.idle-timeout}. */
    static final class IdleMailConnectionSweep {
        private final MailConnections connections;

        IdleMailConnectionSweep(MailConnections connections) {
            this.connections = connections;
        }

        @Scheduled(fixedDelayString = "${vaultmail.mail.pool.sweep-interval:1m}",
                initialDelayString = "${vaultmail.mail.pool.sweep-interval:1m}")
        void sweep() {
            connections.closeIdle();
        }
    }
}
