package org.vaultmail.mail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.mail.internal.AngusMailStoreFactory;

/** The {@link MailStoreFactory} on Angus Mail, with the timeouts of {@code vaultmail.mail.*}. */
@Configuration(proxyBeanMethods = false)
class MailStoreConfiguration {

    @Bean
    MailStoreFactory mailStoreFactory(MailProperties properties, MailServerDirectory directory) {
        return new AngusMailStoreFactory(properties.connectTimeout(), properties.readTimeout(), directory::trustAnchors);
    }
}
