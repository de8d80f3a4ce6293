package org.vaultmail.mail;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code vaultmail.mail.pool.*}: the per-session connection pool ({@link MailConnections}). */
@ConfigurationProperties("vaultmail.mail.pool")
record MailPoolProperties(@Nullable Integer perSession, @Nullable Integer perServer, @Nullable Duration idleTimeout,
                          @Nullable Duration waitTimeout) {

    MailPoolProperties {
        perSession = perSession == null ? 2 : perSession;
        perServer = perServer == null ? 100 : perServer;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(5) : idleTimeout;
        waitTimeout = waitTimeout == null ? Duration.ofSeconds(5) : waitTimeout;
    }
}
