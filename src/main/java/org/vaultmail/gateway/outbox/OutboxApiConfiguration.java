package org.vaultmail.gateway.outbox;

import java.time.Clock;

import java.util.OptionalLong;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.mail.MailSender;
import tools.jackson.databind.json.JsonMapper;

/** The outbox API's beans (ADR 0037); the store itself is {@link OutboxConfiguration}'s. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxApiProperties.class)
class OutboxApiConfiguration {

    @Bean
    OutboxMessageBuilder outboxMessageBuilder(OutboxApiProperties properties, ObjectProvider<Clock> clock,
                                              MailServerDirectory directory, MailSender sender) {
        // as compose: the smaller of the configured maximum and the SIZE the domain's SMTP server announces
        return new OutboxMessageBuilder(properties, clock.getIfAvailable(Clock::systemUTC),
                domain -> directory.forAddress("postmaster@" + domain).map(sender::sizeLimit).orElse(OptionalLong.empty()));
    }

    @Bean
    OutboxIdempotency outboxIdempotency(JdbcClient jdbc, ObjectProvider<Clock> clock, OutboxApiProperties properties) {
        return new OutboxIdempotency(jdbc, clock.getIfAvailable(Clock::systemUTC), properties);
    }

    @Bean
    OutboxAcceptance outboxAcceptance(OutboxStore store, OutboxIdempotency idempotency, JsonMapper json) {
        return new OutboxAcceptance(store, idempotency, json);
    }

    @Bean
    OutboxMessages outboxMessages(JdbcClient jdbc, OutboxStore store, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        return new OutboxMessages(jdbc, store, events, clock.getIfAvailable(Clock::systemUTC));
    }
}
