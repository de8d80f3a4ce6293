package org.vaultmail.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.vaultmail.account.MailDomainsProperties.Security;

/** The notification server settings are checked at start-up, hide the password, and refuse header injection. */
class NotificationServerTest {

    static final String PASSWORD = "Notify-Smtp-Canary-8a4e2b";

    static NotificationProperties properties(String host, Security security, String from, String password, Path passwordFile) {
        return new NotificationProperties(new NotificationProperties.Smtp(host, 587, security, "notify", password, passwordFile,
                null, null, null, null), from, "Example \"Security\"", null, null, null, null, null, null, null);
    }

    @Test
    void unsetHostMeansNotConfigured() {
        assertThat(NotificationServer.of(new NotificationProperties(null, null, null, null, null, null, null, null, null, null))).isNull();
    }

    @Test
    void everyProblemIsNamedAndNoneEchoesThePassword(@TempDir Path dir) {
        assertThatThrownBy(() -> NotificationServer.of(properties("smtp.example.org", Security.PLAIN, "not an address", PASSWORD,
                dir.resolve("also-a-file"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vaultmail.notifications.smtp.security: 'plain' is only allowed for a loopback host")
                .hasMessageContaining("vaultmail.notifications.from: not a valid mail address")
                .hasMessageContaining("set one, not both")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void thePasswordIsReadFromItsFileAndPrintedNowhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, PASSWORD + "\n");
        NotificationProperties p = properties("smtp.example.org", Security.STARTTLS, "no-reply@example.org", null, file);
        NotificationServer server = NotificationServer.of(p);
        assertThat(server).isNotNull();
        assertThat(server.toString()).contains("smtp.example.org:587", "STARTTLS", "password=[PROTECTED]").doesNotContain(PASSWORD);
        NotificationProperties inline = properties("smtp.example.org", Security.TLS, "no-reply@example.org", PASSWORD, null);
        assertThat(inline.toString()).doesNotContain(PASSWORD).contains("[PROTECTED]");
        assertThat(server.messageIdDomain()).isEqualTo("example.org");
        assertThat(server.session().getProperties().getProperty("mail.smtp.starttls.required")).isEqualTo("true");
        assertThat(server.session().getProperties().getProperty("mail.smtp.ssl.checkserveridentity")).isEqualTo("true");
    }

    @Test
    void recipientsAreOneStrictAddressWithoutControlCharactersOrDisplayNames() throws Exception {
        assertThat(NotificationServer.address("alice@example.org").getAddress()).isEqualTo("alice@example.org");
        for (String bad : new String[] {"alice@example.org\r\nBcc: eve@example.org", "Alice <alice@example.org>",
                "alice@example.org, eve@example.org", "alice", "alice@example.org\n", " alice@example.org"}) {
            assertThatThrownBy(() -> NotificationServer.address(bad)).as(bad).isInstanceOf(AddressException.class);
        }
    }

    @Test
    void theMailHasItsHeadersAndTheSameParagraphsAsTextAndEscapedHtml() throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        NotificationMail mail = new NotificationMail(messages, "Example <Mail>", null);
        Notice notice = new Notice(UUID.randomUUID(), Notice.Kind.MFA_RESET, 7, "alice@example.org", "op-\r\nX-Evil: 1",
                null, Instant.parse("2026-03-04T05:06:07Z"), 0);
        var message = mail.compose(Session.getInstance(new Properties()), notice, new InternetAddress("no-reply@example.org"),
                new InternetAddress("alice@example.org"), "example.org", Instant.parse("2026-03-04T05:06:09Z"));
        assertThat(message.getMessageID()).isEqualTo("<" + notice.id() + "@example.org>");
        assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(message.getHeader("X-Evil")).isNull();
        var out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        String raw = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).contains("on 4 March 2026, 05:06 UTC").contains("operator \"op-  X-Evil: 1\"")
                .contains("Example &lt;Mail&gt;").doesNotContain("\r\nX-Evil");
    }
}
