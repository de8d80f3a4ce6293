package org.vaultmail.oauth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vaultmail.oauth.OAuthProviders;

/** The providers, their secrets (read from files at start: an unreadable one stops the start) and registrations. */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

    @Bean
    ConfiguredProviders oauthProviders(OAuthProperties properties) {
        return ConfiguredProviders.of(properties);
    }

    @Bean
    ClientSecrets oauthClientSecrets(ConfiguredProviders providers) {
        return ClientSecrets.read(providers.secretFiles());
    }

    @Bean
    ClientRegistrations oauthClientRegistrations(OAuthProviders providers, ClientSecrets secrets, OAuthProperties properties) {
        return new ClientRegistrations(providers, secrets, properties.redirectUriTemplate());
    }

    @Bean
    TokenHttp oauthTokenHttp(OAuthProperties properties) {
        return new TokenHttp(properties.connectTimeout(), properties.readTimeout());
    }
}
