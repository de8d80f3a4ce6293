package org.vaultmail.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.auth.users.UserChangedByOperator;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.Requirements;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.testing.Await;

/**
 * A real server: the notification goes through Postfix's submission port (AUTH as alice, the password
 * read from a file) and lands in bob's Dovecot INBOX, where the test finds it by its Message-ID and
 * deletes it again. Needs ../shared/mailserver running; never starts or reseeds it.
 */
@Tag("dovecot")
class NotificationPostfixTest {

    @TempDir
    Path dataDir;

    TestDatabase db;
    ConfigurableApplicationContext node;

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (db != null) db.close();
    }

    @Test
    void aNotificationIsSubmittedThroughPostfixWithALoginAndDeliveredIntoTheDovecotMailbox() throws Exception {
        Requirements.require(listening(DovecotFixture.SMTP_PORT) && listening(DovecotFixture.IMAP_PORT),
                "Postfix (127.0.0.1:1025) and Dovecot (127.0.0.1:1143) of ../shared/mailserver");
        Path passwordFile = dataDir.resolve("notify-smtp-password");
        Files.writeString(passwordFile, DovecotFixture.ALICE_PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("r--------"));
        db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
        node = VaultmailNode.start(db, List.of(
                "--vaultmail.notifications.smtp.host=127.0.0.1",
                "--vaultmail.notifications.smtp.port=" + DovecotFixture.SMTP_PORT,
                "--vaultmail.notifications.smtp.security=plain",
                "--vaultmail.notifications.smtp.username=" + DovecotFixture.ALICE,
                "--vaultmail.notifications.smtp.password-file=" + passwordFile,
                "--vaultmail.notifications.from=" + DovecotFixture.ALICE,
                "--vaultmail.notifications.message-id-domain=notify.example.test"));
        UUID id = UUID.randomUUID();
        node.getBean(TransactionTemplate.class).executeWithoutResult(s -> node.publishEvent(new UserChangedByOperator(id, 1,
                DovecotFixture.BOB, UserChangedByOperator.Change.MFA_RESET, "op-postfix", "127.0.0.1", Instant.now())));

        String messageId = "<" + id + "@notify.example.test>";
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        Await.until("the notification in bob's INBOX", Duration.ofSeconds(30), () -> {
            try (Store store = Session.getInstance(props).getStore("imap")) {
                store.connect(DovecotFixture.HOST, DovecotFixture.IMAP_PORT, DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message[] found = inbox.search(new jakarta.mail.search.HeaderTerm("Message-ID", messageId));
                if (found.length > 0) {
                    assertThat(found).hasSize(1);
                    assertThat(found[0].getSubject()).isEqualTo("Two-step sign-in was turned off for your account");
                    assertThat(found[0].getHeader("Auto-Submitted")).containsExactly("auto-generated");
                    assertThat(found[0].getHeader("Received")).as("went through Postfix").isNotEmpty();
                    for (Message m : found) m.setFlag(Flags.Flag.DELETED, true);
                    inbox.close(true); // leave bob's INBOX as it was
                    return true;
                }
                inbox.close(false);
                return false;
            }
        });
        assertThat(db.jdbc().queryForObject("SELECT outcome FROM notification_outbox WHERE id = ?", String.class, id.toString()))
                .isEqualTo("sent");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(DovecotFixture.HOST, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
