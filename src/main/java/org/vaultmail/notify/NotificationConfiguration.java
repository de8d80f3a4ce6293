package org.vaultmail.notify;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.vaultmail.i18n.Languages;
import org.vaultmail.i18n.UserLanguages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires notifications: the checked server settings, the queue, the listener and the retry poll. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    NotificationDispatcher notificationDispatcher(NotificationProperties properties, JdbcClient jdbc, MessageSource messages,
                                                  ApplicationEventPublisher events, ObjectProvider<Clock> clock,
                                                  UserLanguages languages) {
        @Nullable NotificationServer server = NotificationServer.of(properties);
        if (server == null) {
            log.info("Notification mail is not configured (vaultmail.notifications.smtp.host): users are not told of operator actions");
        } else {
            log.info("Notification mail through {} from {}", server, server.from().getAddress());
        }
        return new NotificationDispatcher(server, new NotificationOutbox(jdbc),
                new NotificationMail(messages, properties.siteName(), properties.signInUrl(),
                        userId -> languages.chosen(userId).orElse(Languages.DEFAULT)), properties, events,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    NotificationListener notificationListener(NotificationDispatcher dispatcher) {
        return new NotificationListener(dispatcher);
    }

    @Bean
    @ConditionalOnProperty(name = "vaultmail.scheduling.enabled", havingValue = "true", matchIfMissing = true)
    RetryJob notificationRetryJob(NotificationDispatcher dispatcher) {
        return new RetryJob(dispatcher);
    }

    /** Attempts what is due on every node; the claim makes sure each attempt is made once. */
    static final class RetryJob {
        private final NotificationDispatcher dispatcher;

        RetryJob(NotificationDispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Scheduled(fixedDelayString = "${vaultmail.notifications.poll-interval:30s}", initialDelayString = "${vaultmail.notifications.poll-interval:30s}")
        void deliverDue() {
            dispatcher.deliverDue();
        }
    }
}
