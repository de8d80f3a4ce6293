package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.internal.AngusFolderWatcher;
import org.vaultmail.mail.internal.AngusMailStoreFactory;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.ImapTranscript;
import org.vaultmail.testing.TcpConnections;
import org.vaultmail.vault.Secret;

/** The watcher contract on GreenMail, which has IDLE (mail delivered as SMTP would); plus the cap on watches. */
class GreenMailFolderWatcherTest implements FolderWatcherContract {

    static final String ADDRESS = "watch@example.test";
    static final String PASSWORD = "watch-pw";
    static GreenMailFixture mail;
    static Store inspector;
    static AngusFolderWatcher watcher;

    @BeforeAll
    static void start() throws MessagingException {
        mail = GreenMailFixture.start();
        mail.createUser(ADDRESS, PASSWORD);
        mail.seed(ADDRESS, "INBOX", 3);
        inspector = mail.imap(ADDRESS, PASSWORD);
        watcher = watcher(settings(true, 500));
    }

    /** GreenMail pushes only EXISTS during IDLE (flag changes come after DONE): short rounds show those too. */
    static MailPushProperties settings(boolean idle, int max) {
        return new MailPushProperties(Duration.ofSeconds(1), Duration.ofMillis(300), max, idle,
                Duration.ofMillis(100), Duration.ofSeconds(1), null);
    }

    static AngusFolderWatcher watcher(MailPushProperties settings) {
        return new AngusFolderWatcher(new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(10)), settings);
    }

    @AfterAll
    static void stop() throws MessagingException {
        if (watcher != null) watcher.close();
        if (inspector != null) inspector.close();
        if (mail != null) mail.close();
    }

    static MailServers serversOf(GreenMailFixture mail) {
        return new MailServers("example.test", new MailServers.Endpoint(GreenMailFixture.HOST, mail.imapPort(), Security.PLAIN),
                new MailServers.Endpoint(GreenMailFixture.HOST, mail.smtpPort(), Security.PLAIN), Optional.empty());
    }

    static void deliverTo(GreenMailFixture mail, String address, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
        message.setFrom(new InternetAddress("sender@example.test"));
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(address));
        message.setSubject(subject);
        message.setText("Hello from the push test");
        mail.deliver(message);
    }

    @Override
    public FolderWatcher watcher() {
        return watcher;
    }

    @Override
    public MailServers servers() {
        return serversOf(mail);
    }

    @Override
    public String address() {
        return ADDRESS;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public Store inspector() {
        return inspector;
    }

    @Override
    public void deliver(String subject) throws MessagingException {
        deliverTo(mail, ADDRESS, subject);
    }

    @Override
    public String newFolder() throws MessagingException {
        String name = "Watched-" + UUID.randomUUID().toString().substring(0, 8);
        inspector.getFolder(name).create(Folder.HOLDS_MESSAGES);
        return name;
    }

    @Override
    public int imapConnections() {
        return TcpConnections.to(mail.imapPort());
    }

    @Test
    void aDroppedConnectionIsReopenedWithFreshCredentialsAndMissedMailIsReported() throws Exception {
        AtomicInteger logins = new AtomicInteger();
        try (ImapTranscript proxy = new ImapTranscript(GreenMailFixture.HOST, mail.imapPort())) {
            MailServers viaProxy = new MailServers("example.test",
                    new MailServers.Endpoint(GreenMailFixture.HOST, proxy.port(), Security.PLAIN), servers().smtp(), Optional.empty());
            Events events = new Events();
            try (MailWatch watch = watcher().watch(viaProxy, ADDRESS, () -> {
                logins.incrementAndGet();
                return Secret.ofUtf8(PASSWORD);
            }, "INBOX", events)) {
                events.counts("INBOX", c -> true);
                assertThat(logins).hasValue(1);

                proxy.cut();
                String subject = "missed-" + UUID.randomUUID();
                deliver(subject); // while the watch is reconnecting

                long uid = awaitUid(subject);
                assertThat(events.newUids("INBOX", uid)).contains(uid);
                assertThat(logins).hasValue(2);
                assertThat(watch.isOpen()).isTrue();
            }
        }
    }

    @Test
    void aWatcherAtItsCapRefusesAnotherWatch() {
        try (AngusFolderWatcher one = watcher(settings(true, 1))) {
            Events events = new Events();
            try (MailWatch _ = one.watch(servers(), ADDRESS, () -> Secret.ofUtf8(PASSWORD), "INBOX", events)) {
                events.counts("INBOX", c -> true);
                assertThatThrownBy(() -> one.watch(servers(), ADDRESS, () -> Secret.ofUtf8(PASSWORD), "INBOX", new Events()))
                        .isInstanceOfSatisfying(MailStoreException.class,
                                e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.UNAVAILABLE));
            }
        }
    }
}
