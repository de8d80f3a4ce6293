package org.vaultmail.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.auth.SessionRevoked;
import org.vaultmail.mail.MailConnections;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.vault.Secret;

/** A {@link SessionRevoked} event published through the context closes that session's pooled connections. */
class SessionMailConnectionsTest {

    @Test
    void revokingASessionClosesItsMailConnections() {
        try (GreenMailFixture mail = GreenMailFixture.start();
             MailConnections pool = new MailConnections(new AngusMailStoreFactory(Duration.ofSeconds(5),
                     Duration.ofSeconds(10)), 2, 100, Duration.ofMinutes(5), Duration.ofSeconds(1), Clock.systemUTC());
             AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            mail.createUser("rev@example.test", "rev-pw");
            MailServers servers = new MailServers("example.test",
                    new MailServers.Endpoint(GreenMailFixture.HOST, mail.imapPort(), Security.PLAIN),
                    new MailServers.Endpoint(GreenMailFixture.HOST, mail.smtpPort(), Security.PLAIN), Optional.empty());
            context.registerBean(MailConnections.class, () -> pool);
            context.registerBean(SessionMailConnections.class);
            context.refresh();
            AtomicInteger logins = new AtomicInteger();
            for (String session : new String[] {"a", "b"}) {
                pool.withStore(session, servers, "rev@example.test", () -> {
                    logins.incrementAndGet();
                    return Secret.ofUtf8("rev-pw");
                }, store -> store.folders().size());
            }

            context.publishEvent(new SessionRevoked(1L, "a@example.org", "a", SessionRevoked.Reason.LOGOUT));

            assertThat(pool.openConnections("a")).isZero();
            assertThat(pool.openConnections("b")).isEqualTo(1);
        }
    }
}
