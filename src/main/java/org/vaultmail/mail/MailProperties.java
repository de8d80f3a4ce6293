package org.vaultmail.mail;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code vaultmail.mail.*}: timeouts for talking to the operator's mail servers. */
@ConfigurationProperties("vaultmail.mail")
record MailProperties(@Nullable Duration connectTimeout, @Nullable Duration readTimeout) {

    MailProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
    }
}
