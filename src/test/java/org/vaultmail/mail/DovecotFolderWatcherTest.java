package org.vaultmail.mail;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.internal.AngusFolderWatcher;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.DovecotFixture;

/**
 * The watcher contract on a real Dovecot over IMAPS (IDLE pushes EXISTS and flag changes at once), mail
 * delivered by SMTP through Postfix. Bob is shared with other tests: folders are our own, and the UIDs asserted
 * are those of messages with unique subjects.
 */
@Tag("dovecot")
class DovecotFolderWatcherTest implements FolderWatcherContract {

    static final String ROOT = "Push-" + UUID.randomUUID().toString().substring(0, 8);
    static Store inspector;
    static AngusFolderWatcher watcher;

    @BeforeAll
    static void start() throws MessagingException {
        DovecotFixture dovecot = DovecotFixture.get();
        inspector = dovecot.imaps(DovecotFixture.BOB, DovecotFixture.BOB_PASSWORD);
        inspector.getFolder(ROOT).create(Folder.HOLDS_FOLDERS | Folder.HOLDS_MESSAGES);
        watcher = new AngusFolderWatcher(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(15)),
                new MailPushProperties(Duration.ofMinutes(2), Duration.ofSeconds(1), 500, true,
                        Duration.ofMillis(200), Duration.ofSeconds(2), null));
    }

    @AfterAll
    static void stop() throws MessagingException {
        if (watcher != null) watcher.close();
        if (inspector != null) {
            try {
                Folder root = inspector.getFolder(ROOT);
                if (root.exists()) root.delete(true);
            } finally {
                inspector.close();
            }
        }
    }

    static MailServers dovecotServers() {
        return new MailServers("example.test",
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.IMAPS_PORT, Security.TLS),
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.SMTP_PORT, Security.PLAIN),
                Optional.of(DovecotFixture.CERTIFICATE));
    }

    /** Sends a plain message by SMTP (AUTH over loopback) to {@code to}. */
    static void sendBySmtp(String from, String password, String to, String subject) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", DovecotFixture.HOST);
        props.setProperty("mail.smtp.port", Integer.toString(DovecotFixture.SMTP_PORT));
        props.setProperty("mail.smtp.auth", "true");
        props.setProperty("mail.smtp.connectiontimeout", "5000");
        props.setProperty("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello from the push test");
        Transport.send(message, from, password);
    }

    @Override
    public FolderWatcher watcher() {
        return watcher;
    }

    @Override
    public MailServers servers() {
        return dovecotServers();
    }

    @Override
    public String address() {
        return DovecotFixture.BOB;
    }

    @Override
    public String password() {
        return DovecotFixture.BOB_PASSWORD;
    }

    @Override
    public Store inspector() {
        return inspector;
    }

    @Override
    public void deliver(String subject) throws MessagingException {
        sendBySmtp(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD, DovecotFixture.BOB, subject);
    }

    @Override
    public String newFolder() throws MessagingException {
        String name = ROOT + "/" + UUID.randomUUID().toString().substring(0, 8);
        inspector.getFolder(name).create(Folder.HOLDS_MESSAGES);
        return name;
    }

    @Override
    public int imapConnections() {
        return -1; // Dovecot serves other test JVMs at the same time
    }
}
