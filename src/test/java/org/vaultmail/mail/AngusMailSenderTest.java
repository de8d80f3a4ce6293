package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.vault.Secret;

/** The SMTP adapter on GreenMail: delivery with AUTH, typed failures without server text or credentials. */
class AngusMailSenderTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    final AngusMailSender sender = new AngusMailSender(new SmtpAuthenticator(new MailProperties(Duration.ofSeconds(2), Duration.ofSeconds(5)),
            new MailServerDirectory(new MailDomainsProperties(List.of()))));

    @AfterAll
    static void stop() {
        MAIL.close();
    }

    static MailServers servers(int smtpPort) {
        return new MailServers("example.test", new MailServers.Endpoint(GreenMailFixture.HOST, MAIL.imapPort(), Security.PLAIN),
                new MailServers.Endpoint(GreenMailFixture.HOST, smtpPort, Security.PLAIN), Optional.empty());
    }

    static final byte[] MESSAGE = "From: s@example.test\r\nTo: r@example.test\r\nSubject: Adapter\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sendsWithAuthAndTheRecipientGetsIt() throws Exception {
        MAIL.createUser("s@example.test", "s-pass");
        MAIL.createUser("r@example.test", "r-pass");
        sender.send(servers(MAIL.smtpPort()), new SmtpLogin("s@example.test", Secret.ofUtf8("s-pass")), "s@example.test",
                List.of("r@example.test"), MESSAGE);
        assertThat(MAIL.greenMail().waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void aWrongPasswordIsAuthFailedAndTheMessageNamesNoSecret() {
        MAIL.createUser("w@example.test", "w-pass");
        assertThatThrownBy(() -> sender.send(servers(MAIL.smtpPort()), new SmtpLogin("w@example.test", Secret.ofUtf8("Wrong-Canary-1")),
                "w@example.test", List.of("r@example.test"), MESSAGE))
                .isInstanceOf(SendException.class)
                .satisfies(e -> {
                    assertThat(((SendException) e).reason()).isEqualTo(SendException.Reason.AUTH_FAILED);
                    assertThat(e.getMessage()).doesNotContain("Wrong-Canary-1");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void aClosedPortIsUnavailableAndItsSizeLimitIsNotAskedAgainAtOnce() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        MailServers dead = servers(closed);
        assertThatThrownBy(() -> sender.send(dead, new SmtpLogin("a", Secret.ofUtf8("b")), "a@example.test", List.of("r@example.test"), MESSAGE))
                .isInstanceOf(SendException.class).extracting(e -> ((SendException) e).reason()).isEqualTo(SendException.Reason.UNAVAILABLE);
        assertThat(sender.sizeLimit(dead)).isEmpty();
        try (ServerSocket listening = new ServerSocket(closed)) { // now something listens but never answers: a probe would hang
            assertThat(listening.getLocalPort()).isEqualTo(closed);
            long started = System.nanoTime();
            assertThat(sender.sizeLimit(dead)).isEmpty();
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(500);
        }
    }
}
