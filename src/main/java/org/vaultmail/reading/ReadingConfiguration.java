package org.vaultmail.reading;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vaultmail.sanitize.MailHtmlSanitizer;

@Configuration(proxyBeanMethods = false)
class ReadingConfiguration {

    @Bean
    MailHtmlSanitizer mailHtmlSanitizer() {
        return new MailHtmlSanitizer();
    }
}
