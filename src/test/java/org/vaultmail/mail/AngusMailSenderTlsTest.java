package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.vault.Secret;

/**
 * Sending over implicit TLS (GreenMail SMTPS with a test certificate for 127.0.0.1, trusted through the
 * domain's trust store), and refusing: an untrusted certificate, or STARTTLS required but not offered, fails
 * with a clear error and nothing is delivered (no plaintext fallback).
 */
class AngusMailSenderTlsTest {

    static final String HOST = "127.0.0.1";
    static final String PASS = "changeit";
    static Path trustStore;
    static GreenMail mail;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("vaultmail-smtps-");
        Path server = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "greenmail", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + HOST,
                "-ext", "SAN=ip:" + HOST + ",dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", server.toString(), "-storepass", PASS, "-keypass", PASS);
        keytool("-exportcert", "-alias", "greenmail", "-keystore", server.toString(), "-storepass", PASS, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "smtps", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", PASS);
        // GreenMail reads its TLS key store once per JVM, from these properties
        System.setProperty("greenmail.tls.keystore.file", server.toString());
        System.setProperty("greenmail.tls.keystore.password", PASS);
        System.setProperty("greenmail.tls.key.password", PASS);
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP)});
        mail.start();
        mail.setUser("t@example.test", "t@example.test", "t-pass");
        mail.setUser("r@example.test", "r@example.test", "r-pass");
    }

    @AfterAll
    static void stop() {
        if (mail != null) mail.stop();
    }

    static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    static AngusMailSender sender(boolean trusted) {
        List<MailDomainsProperties.Domain> domains = List.of(new MailDomainsProperties.Domain("example.test",
                new MailDomainsProperties.Server(HOST, 993, Security.TLS), new MailDomainsProperties.Server(HOST, 465, Security.TLS),
                trusted ? trustStore : null, trusted ? PASS : null));
        return new AngusMailSender(new SmtpAuthenticator(new MailProperties(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new MailServerDirectory(new MailDomainsProperties(domains))));
    }

    static MailServers servers(int port, Security security, boolean trusted) {
        return new MailServers("example.test", new MailServers.Endpoint(HOST, 993, Security.TLS),
                new MailServers.Endpoint(HOST, port, security), trusted ? Optional.of(trustStore) : Optional.empty());
    }

    static byte[] message(String subject) {
        return ("From: t@example.test\r\nTo: r@example.test\r\nSubject: " + subject + "\r\n\r\nOver TLS\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sendsOverImplicitTlsWhenTheDomainsTrustStoreTrustsTheServer() throws Exception {
        sender(true).send(servers(mail.getSmtps().getPort(), Security.TLS, true), new SmtpLogin("t@example.test", Secret.ofUtf8("t-pass")),
                "t@example.test", List.of("r@example.test"), message("tls-ok"));
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("tls-ok");
    }

    @Test
    void anUntrustedCertificateFailsClearlyAndNothingIsSent() {
        int before = mail.getReceivedMessages().length;
        assertThatThrownBy(() -> sender(false).send(servers(mail.getSmtps().getPort(), Security.TLS, false),
                new SmtpLogin("t@example.test", Secret.ofUtf8("t-pass")), "t@example.test", List.of("r@example.test"), message("tls-untrusted")))
                .isInstanceOf(SendException.class)
                .hasMessageContaining("secure (TLS) connection")
                .hasMessageNotContaining("t-pass");
        assertThat(mail.getReceivedMessages()).hasSize(before);
    }

    @Test
    void requiredStarttlsIsNeverSkippedForPlaintext() {
        // GreenMail's plain SMTP port: either it offers no STARTTLS (refused) or its certificate is not trusted
        int before = mail.getReceivedMessages().length;
        assertThatThrownBy(() -> sender(false).send(servers(mail.getSmtp().getPort(), Security.STARTTLS, false),
                new SmtpLogin("t@example.test", Secret.ofUtf8("t-pass")), "t@example.test", List.of("r@example.test"), message("starttls-plain")))
                .isInstanceOf(SendException.class)
                .hasMessageContaining("secure (TLS) connection");
        assertThat(mail.getReceivedMessages()).hasSize(before);
    }
}
