package org.vaultmail.gateway.outbox.delivery;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.gateway.GatewayPolicies;
import org.vaultmail.gateway.mailboxes.ConnectedMailboxes;
import org.vaultmail.gateway.outbox.OutboxStore;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    DeliveryRows deliveryRows(JdbcClient jdbc) {
        return new DeliveryRows(jdbc);
    }

    @Bean
    Transitions outboxTransitions(DeliveryRows rows, OutboxStore store, ApplicationEventPublisher events,
                                  PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        return new Transitions(rows, store, new DeliveryEvents(events), new TransactionTemplate(transactions),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean(destroyMethod = "close")
    DeliveryWorker deliveryWorker(DeliveryRows rows, JdbcClient jdbc, Transitions transitions, OutboxStore store,
                                  ApplicationEventPublisher events, ObjectProvider<ConnectedMailboxes> mailboxes,
                                  GatewayPolicies policies, DeliveryProperties properties,
                                  PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        RecoverySweep sweep = new RecoverySweep(rows, store, new DeliveryEvents(events), tx, transitions);
        return new DeliveryWorker(rows, new SendWindows(jdbc), transitions, sweep, mailboxes, store, policies, properties,
                tx, nodeId(properties));
    }

    @Bean
    HeldMailRelease heldMailRelease(DeliveryRows rows, OutboxStore store, Transitions transitions,
                                    PlatformTransactionManager transactions) {
        return new HeldMailRelease(rows, store, transitions, new TransactionTemplate(transactions));
    }

    /** On by default where scheduled jobs run; {@code vaultmail.gateway.outbox.worker-enabled} decides alone if set. */
    @Bean
    @ConditionalOnExpression("${vaultmail.gateway.outbox.worker-enabled:${vaultmail.scheduling.enabled:true}}")
    DeliveryPoller deliveryPoller(DeliveryWorker worker) {
        return new DeliveryPoller(worker);
    }

    static final class DeliveryPoller {
        private final DeliveryWorker worker;

        DeliveryPoller(DeliveryWorker worker) {
            this.worker = worker;
        }

        @Scheduled(fixedDelayString = "${vaultmail.gateway.outbox.poll-interval:2s}",
                initialDelayString = "${vaultmail.gateway.outbox.poll-interval:2s}")
        void poll() {
            worker.poll();
        }
    }

    private static String nodeId(DeliveryProperties properties) {
        if (properties.nodeId() != null && !properties.nodeId().isBlank()) return properties.nodeId();
        String host = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        return (host + "-" + UUID.randomUUID().toString().substring(0, 8)).substring(0, Math.min(100, host.length() + 9));
    }
}
