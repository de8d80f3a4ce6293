package org.vaultmail.oauth.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.oauth.OAuthProviders;

@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    OAuthOverview oauthOverview(OAuthProviders providers, JdbcClient jdbc) {
        return new OAuthOverview(providers, jdbc);
    }
}
