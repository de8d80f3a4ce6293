package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.mfa.MfaFixtures;
import org.vaultmail.auth.mfa.UserMfa;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;

/**
 * Users are told by mail when an operator resets their second factor or ends their sessions (ADR 0023):
 * the console reset over real HTTP, the mail received by an in-JVM SMTP server (GreenMail) that stands
 * for the operator's notification server, which is down for the outage test and comes up later.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationConsoleTest extends ConsoleTestSupport {

    static final String OPERATOR_PASSWORD = "Console-Operator-Canary-7b31";

    static final GreenMailFixture MAIL = GreenMailFixture.start();
    static final int NOTIFY_PORT = freePort();
    static GreenMail notifyServer = startNotifyServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-notify-console-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MAIL.registerDomain(registry, 0, "example.test");
        registry.add("vaultmail.notifications.smtp.host", () -> "127.0.0.1");
        registry.add("vaultmail.notifications.smtp.port", () -> NOTIFY_PORT);
        registry.add("vaultmail.notifications.smtp.security", () -> "plain");
        registry.add("vaultmail.notifications.smtp.connect-timeout", () -> "1s");
        registry.add("vaultmail.notifications.from", () -> "security@example.test");
        registry.add("vaultmail.notifications.from-name", () -> "Example Security");
        registry.add("vaultmail.notifications.message-id-domain", () -> "notify.example.test");
        registry.add("vaultmail.notifications.site-name", () -> "Example Mail");
        registry.add("vaultmail.notifications.sign-in-url", () -> "https://mail.example.test/");
        registry.add("vaultmail.notifications.retry-initial", () -> "200ms");
        registry.add("vaultmail.notifications.retry-max", () -> "500ms");
        registry.add("vaultmail.notifications.poll-interval", () -> "200ms");
        registry.add("vaultmail.notifications.max-attempts", () -> "1000");
    }

    @AfterAll
    static void stopServers() {
        notifyServer.stop();
        MAIL.close();
    }

    @Autowired
    UserMfa mfa;

    NotificationConsoleTest() {
        super(OPERATOR_PASSWORD);
    }

    @Test
    void aConsoleMfaResetMailsTheUserWithHeadersTextAndHtmlAndNoSecret() throws Exception {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(operator, createOperator(operator));
        String user = newUser();
        long userId = userId(user);
        MfaFixtures.enrol(mfa, userId, user, Clock.systemUTC());
        await("the notice of the user's own set-up (ADR 0026)", () -> received(user).length > 0);
        int before = notifyServer.getReceivedMessages().length;

        var page = op.postAndFollow("/admin/users", "/admin/users/" + userId + "/reset-mfa", Map.of());
        assertThat(page.body()).contains("The user is being told by mail (" + user + ").")
                .doesNotContain("not notified");

        await("the notification", () -> received(user).length > 1);
        assertThat(notifyServer.getReceivedMessages()).hasSize(before + 1);
        MimeMessage mail = received(user)[1];
        assertThat(mail.getHeader("To", null)).isEqualTo(user);
        assertThat(mail.getHeader("From", null)).isEqualTo("Example Security <security@example.test>");
        assertThat(mail.getSubject()).isEqualTo("Two-step sign-in was turned off for your account");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getHeader("Message-ID", null)).matches("<[0-9a-f-]{36}@notify\\.example\\.test>");
        assertThat(mail.getSentDate()).isCloseTo(java.util.Date.from(Instant.now()), 60_000);
        MimeMultipart alternative = (MimeMultipart) mail.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(text).contains("Two-step sign-in (your second factor) was turned off for your Example Mail account " + user)
                .contains("by the operator \"" + operator + "\" in the Example Mail operator console")
                .contains("sign in at https://mail.example.test/ with your mail password, then set up two-step sign-in again")
                .contains("If you did not ask for this, contact your administrator")
                .containsPattern("on \\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2} UTC");
        assertThat(html).contains("<p>").contains("&quot;" + operator + "&quot;").doesNotContain("<script");
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(raw).doesNotContain(OPERATOR_PASSWORD).doesNotContain("user-pw");

        awaitAudit("action = 'user.reset_mfa' AND actor_id = ? AND target = ? AND details LIKE '%\"notified\":\"true\"%'", operator, user);
        awaitAudit("action = 'notification.sent' AND target = ? AND details LIKE '%\"kind\":\"mfa_reset\"%'", user);
        assertThat(count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND done_at IS NULL", user)).isZero();
        assertThat(count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND outcome = 'sent' AND kind = 'MFA_RESET'",
                user)).isEqualTo(1);
    }

    @Test
    void whenTheNotificationServerIsDownTheMailIsRetriedAndDeliveredOnceItIsUp() throws Exception {
        String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(operator, createOperator(operator));
        String user = newUser();
        long userId = userId(user);

        notifyServer.stop();
        try {
            var page = op.postAndFollow("/admin/users", "/admin/users/" + userId + "/revoke-sessions", Map.of());
            assertThat(page.body()).contains("1 session(s) ended").contains("The user is being told by mail");
            await("a few failed attempts", () -> count("SELECT COALESCE(MAX(attempts), 0) FROM notification_outbox WHERE recipient = ?",
                    user) >= 3);
            assertThat(jdbc.queryForObject("SELECT last_error FROM notification_outbox WHERE recipient = ?", String.class, user))
                    .contains("Exception");
            assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'notification.sent' AND target = ?", user)).isZero();
        } finally {
            notifyServer = startNotifyServer();
        }

        await("the notification after the outage", () -> received(user).length > 0);
        MimeMessage mail = received(user)[0];
        assertThat(mail.getSubject()).isEqualTo("You were signed out of your account everywhere");
        assertThat(GreenMailUtil.getBody(mail)).contains("Every session of your Example Mail account " + user + " was ended");
        awaitAudit("action = 'notification.sent' AND target = ? AND details LIKE '%\"kind\":\"sessions_ended\"%'", user);
        awaitAudit("action = 'user.revoke_sessions' AND actor_id = ? AND details LIKE '%\"notified\":\"true\"%'", operator);
        Thread.sleep(1000); // no second copy from a late retry
        assertThat(received(user)).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND done_at IS NULL", user)).isZero();
        assertThat(count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND outcome = 'sent'", user)).isEqualTo(1);
    }

    static MimeMessage[] received(String recipient) {
        return Arrays.stream(notifyServer.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    String newUser() {
        String user = "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        MAIL.createUser(user, "user-pw");
        new HttpCalls(port).send("POST", "/api/v1/sessions", HttpCalls.json("address", user, "password", "user-pw"));
        return user;
    }

    long userId(String user) {
        return jdbc.queryForObject("SELECT id FROM users WHERE address = ?", Long.class, user);
    }

    long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), condition::getAsBoolean);
    }

    static GreenMail startNotifyServer() {
        GreenMail server = new GreenMail(new ServerSetup(NOTIFY_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
