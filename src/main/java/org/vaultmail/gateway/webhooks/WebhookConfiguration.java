package org.vaultmail.gateway.webhooks;

import java.net.InetAddress;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayProperties;
import org.vaultmail.vault.SealedColumn;
import org.vaultmail.vault.Vault;

/** Wires webhooks: endpoints and their sealed secrets, the delivery queue, the listener and the poll (ADR 0039). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    SealedColumn webhookSecretColumn() {
        return WebhookEndpoints.SECRET;
    }

    @Bean
    SealedColumn webhookPreviousSecretColumn() {
        return WebhookEndpoints.PREVIOUS_SECRET;
    }

    @Bean
    WebhookEndpoints webhookEndpoints(JdbcClient jdbc, Vault vault) {
        return new WebhookEndpoints(jdbc, vault);
    }

    @Bean
    WebhookDeliveries webhookDeliveries(JdbcClient jdbc) {
        return new WebhookDeliveries(jdbc);
    }

    @Bean
    WebhookDestinations webhookDestinations(GatewayProperties gateway) {
        return new WebhookDestinations(gateway.webhooks().allowedInternal(), InetAddress::getAllByName);
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(WebhookProperties properties) {
        return new WebhookSender(properties);
    }

    @Bean(destroyMethod = "close")
    WebhookDispatcher webhookDispatcher(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDestinations destinations,
                                        WebhookSender sender, WebhookProperties properties, ApplicationEventPublisher events,
                                        ObjectProvider<Clock> clock) {
        return new WebhookDispatcher(endpoints, deliveries, destinations, sender, properties, events,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    WebhookListener webhookListener(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDispatcher dispatcher,
                                    PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        return new WebhookListener(endpoints, deliveries, dispatcher, new TransactionTemplate(transactions),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    WebhookService webhookService(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDestinations destinations,
                                  WebhookDispatcher dispatcher, WebhookProperties properties, ApplicationEventPublisher events,
                                  PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        return new WebhookService(endpoints, deliveries, destinations, dispatcher, properties, events,
                new TransactionTemplate(transactions), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    PollJob webhookPollJob(WebhookDispatcher dispatcher) {
        return new PollJob(dispatcher);
    }

    /** Attempts what is due on every node; the claim makes sure each attempt is made once. */
    static final class PollJob {
        private final WebhookDispatcher dispatcher;

        PollJob(WebhookDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Scheduled(fixedDelayString = "${vaultmail.gateway.webhooks.poll-interval:5s}",
                initialDelayString = "${vaultmail.gateway.webhooks.poll-interval:5s}")
        void deliverDue() {
            dispatcher.deliverDue();
        }
    }
}
