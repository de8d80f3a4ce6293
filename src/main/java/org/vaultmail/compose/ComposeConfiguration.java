package org.vaultmail.compose;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MIME builder with the clock and the configured Message-ID domain. */
@Configuration(proxyBeanMethods = false)
class ComposeConfiguration {

    @Bean
    MimeComposer mimeComposer(ComposeProperties properties, ObjectProvider<Clock> clock) {
        return new MimeComposer(clock.getIfAvailable(Clock::systemUTC), properties.messageIdDomain());
    }
}
