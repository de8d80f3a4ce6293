package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.MailAuthenticator.BindResult;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.vault.Secret;

/** IMAP bind against a real GreenMail, a closed port, a server that never answers, and TLS to a plain server. */
class ImapAuthenticatorTest {

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    final ImapAuthenticator authenticator = new ImapAuthenticator(new MailProperties(Duration.ofSeconds(2), Duration.ofSeconds(2)));

    @AfterAll
    static void stop() {
        MAIL.close();
    }

    @Test
    void rightPasswordBinds() {
        MAIL.createUser("alice@example.test", "alice-pw");
        assertThat(bind(servers(MAIL.imapPort(), Security.PLAIN), "alice@example.test", "alice-pw")).isEqualTo(BindResult.OK);
    }

    @Test
    void wrongPasswordIsWrongCredentials() {
        MAIL.createUser("bob@example.test", "bob-pw");
        assertThat(bind(servers(MAIL.imapPort(), Security.PLAIN), "bob@example.test", "nope")).isEqualTo(BindResult.WRONG_CREDENTIALS);
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(bind(servers(port, Security.PLAIN), "x@example.test", "pw")).isEqualTo(BindResult.UNREACHABLE);
    }

    @Test
    void silentServerTimesOutAsUnreachable() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) accepted.add(silent.accept());
                } catch (IOException e) {
                    // closed
                }
            });
            long start = System.nanoTime();
            assertThat(bind(servers(silent.getLocalPort(), Security.PLAIN), "x@example.test", "pw")).isEqualTo(BindResult.UNREACHABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        } finally {
            for (Socket s : accepted) s.close();
        }
    }

    @Test
    void tlsToAPlainServerIsUnreachableNotWrongPassword() {
        MAIL.createUser("carol@example.test", "carol-pw");
        assertThat(bind(servers(MAIL.imapPort(), Security.TLS), "carol@example.test", "carol-pw")).isEqualTo(BindResult.UNREACHABLE);
        assertThat(bind(servers(MAIL.imapPort(), Security.STARTTLS), "carol@example.test", "carol-pw")).isEqualTo(BindResult.UNREACHABLE);
    }

    @Test
    void tlsAndStarttlsCheckTheServerIdentity() throws Exception {
        var tls = authenticator.sessionProperties(Security.TLS, servers(993, Security.TLS));
        var starttls = authenticator.sessionProperties(Security.STARTTLS, servers(143, Security.STARTTLS));

        assertThat(tls.getProperty("mail.imaps.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(tls.getProperty("mail.imaps.timeout")).isEqualTo("2000");
        assertThat(starttls.getProperty("mail.imap.starttls.required")).isEqualTo("true");
        assertThat(starttls.getProperty("mail.imap.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(starttls.getProperty("mail.imap.connectiontimeout")).isEqualTo("2000");
    }

    private BindResult bind(MailServers servers, String address, String password) {
        try (Secret pw = Secret.ofUtf8(password)) {
            return authenticator.bind(servers, address, pw);
        }
    }

    private static MailServers servers(int imapPort, Security security) {
        return new MailServers("example.test", new MailServers.Endpoint(GreenMailFixture.HOST, imapPort, security),
                new MailServers.Endpoint(GreenMailFixture.HOST, 25, security), Optional.empty());
    }
}
