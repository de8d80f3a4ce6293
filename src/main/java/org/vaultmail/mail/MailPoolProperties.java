package org.vaultmail.mail;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vaultmail.mail.pool.*}: the per-session connection pool ({@link MailConnections}). {@code perUser}: connections
 * one user (address) may hold on this node over all their sessions (ADR 0029); with {@code max-watches-per-user} it
 * fits Dovecot's default {@code mail_max_userip_connections} of 10, which counts every connection from this node.
 */
@ConfigurationProperties("vaultmail.mail.pool")
record MailPoolProperties(@Nullable Integer perSession, @Nullable Integer perServer, @Nullable Duration idleTimeout,
                          @Nullable Duration waitTimeout, @Nullable Integer perUser) {

    MailPoolProperties {
        perSession = perSession == null ? 2 : perSession;
        perUser = perUser == null ? 6 : perUser;
        perServer = perServer == null ? 100 : perServer;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(5) : idleTimeout;
        waitTimeout = waitTimeout == null ? Duration.ofSeconds(5) : waitTimeout;
    }
}
