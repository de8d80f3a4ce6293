package org.vaultmail.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailDomainsProperties.Security;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.MessagePage;
import org.vaultmail.mail.Sort;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.ImapTranscript;
import org.vaultmail.vault.Secret;

/** With CONDSTORE (Dovecot), returning to a folder listed before costs one STATUS, and still sees changes. */
@Tag("dovecot")
class DovecotRevisitTest {

    static final String ROOT = "Revisit-" + UUID.randomUUID().toString().substring(0, 8);
    static ImapTranscript wire;
    static Store seeder;
    static MailStore store;
    static FolderPath first;
    static FolderPath second;

    @BeforeAll
    static void connect() throws MessagingException, java.io.IOException {
        seeder = DovecotFixture.get().imaps(DovecotFixture.ALICE, DovecotFixture.ALICE_PASSWORD);
        seeder.getFolder(ROOT).create(Folder.HOLDS_FOLDERS | Folder.HOLDS_MESSAGES);
        first = folder("first", 3);
        second = folder("second", 2);
        // plain IMAP on loopback through a transcript, to count the commands as Dovecot receives them
        wire = new ImapTranscript(DovecotFixture.HOST, DovecotFixture.IMAP_PORT);
        MailServers servers = new MailServers("example.test",
                new MailServers.Endpoint(DovecotFixture.HOST, wire.port(), Security.PLAIN),
                new MailServers.Endpoint(DovecotFixture.HOST, DovecotFixture.SMTP_PORT, Security.PLAIN), Optional.empty());
        AngusMailStoreFactory factory = new AngusMailStoreFactory(Duration.ofSeconds(5), Duration.ofSeconds(30));
        try (Secret password = Secret.ofUtf8(DovecotFixture.ALICE_PASSWORD)) {
            store = factory.open(servers, DovecotFixture.ALICE, password);
        }
    }

    static FolderPath folder(String name, int messages) throws MessagingException {
        Folder folder = seeder.getFolder(ROOT + "/" + name);
        folder.create(Folder.HOLDS_MESSAGES);
        for (int i = 0; i < messages; i++) folder.appendMessages(new Message[] {message(name + " " + i)});
        return FolderPath.of(ROOT + "/" + name, '/');
    }

    static MimeMessage message(String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
        m.setFrom("a@example.test");
        m.setSubject(subject);
        m.setText("text of " + subject);
        m.saveChanges();
        return m;
    }

    @AfterAll
    static void cleanUp() throws MessagingException {
        if (store != null) store.close();
        if (wire != null) wire.close();
        if (seeder != null) {
            try {
                seeder.getFolder(ROOT).delete(true);
            } finally {
                seeder.close();
            }
        }
    }

    static int commands() {
        return wire.commands();
    }

    @Test
    void everythingHappensOnOneConnection() {
        store.list(first, 0, 50, Sort.DATE, true);
        store.status(second);
        store.folders();
        store.list(second, 0, 50, Sort.DATE, true);
        assertThat(wire.text()).as("one login").containsOnlyOnce("Logged in");
    }

    @Test
    void listingFoldersIsOneCommandAndKeepsTheFolderSelected() throws MessagingException {
        FolderPath listed = folder("listed", 2);
        store.list(listed, 0, 50, Sort.DATE, true);
        seeder.getFolder(listed.asString()).appendMessages(new Message[] {message("listed, arrived meanwhile")});
        int before = commands();
        int traced = wire.mark();
        var folders = store.folders();
        assertThat(commands() - before).as("NOOP on the selected folder, one LIST … RETURN (STATUS …): %s",
                wire.text().substring(traced)).isEqualTo(2);
        assertThat(wire.text()).containsPattern("[A-Z]+\\d+ LIST .* RETURN \\(SUBSCRIBED STATUS \\(MESSAGES UNSEEN\\)\\)");
        var counted = folders.stream().filter(f -> f.path().equals(listed)).findFirst().orElseThrow();
        assertThat(counted.total()).as("the selected folder counts what arrived since").isEqualTo(
                seeder.getFolder(listed.asString()).getMessageCount());
        assertThat(folders).anySatisfy(f -> assertThat(f.path()).isEqualTo(second));
        traced = wire.mark();
        store.list(listed, 0, 50, Sort.DATE, true);
        assertThat(wire.text().substring(traced)).as("still selected")
                .doesNotContainPattern("[A-Z]+\\d+ (SELECT|EXAMINE|CLOSE|UNSELECT)");
    }

    @Test
    void openingAMessageIsTwoCommandsWhateverItsSize() throws MessagingException {
        FolderPath opened = folder("opened", 1);
        Folder folder = seeder.getFolder(opened.asString());
        MimeMessage big = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
        big.setFrom("a@example.test");
        big.setSubject("alternative");
        jakarta.mail.internet.MimeMultipart alternative = new jakarta.mail.internet.MimeMultipart("alternative");
        jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
        text.setText("line of text\n".repeat(5_000), "UTF-8"); // 65 KB: Angus's own fetch would take it in 16 KB pieces
        jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
        html.setText("<p>line of html</p>\n".repeat(4_000), "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        big.setContent(alternative);
        big.saveChanges();
        folder.appendMessages(new Message[] {big});
        MessagePage page = store.list(opened, 0, 50, Sort.DATE, true);
        long uid = page.messages().stream().filter(m -> m.subject().equals("alternative")).findFirst().orElseThrow().uid().uid();

        int before = commands();
        var detail = store.message(opened, uid);
        var bodies = store.bodies(opened, uid, java.util.List.of("1", "2"), 2 * 1024 * 1024);
        assertThat(commands() - before).as("UID FETCH of the envelope and structure, UID FETCH of both bodies").isEqualTo(2);
        assertThat(detail.subject()).isEqualTo("alternative");
        assertThat(new String(bodies.get("1").bytes(), StandardCharsets.UTF_8)).isEqualTo("line of text\r\n".repeat(5_000));
        assertThat(new String(bodies.get("2").bytes(), StandardCharsets.UTF_8)).startsWith("<p>line of html</p>").hasSizeGreaterThan(80_000);
    }

    @Test
    void warmRevisitIsOneRoundTripAndFlagsChangedElsewhereShowUp() throws MessagingException {
        MessagePage cold = store.list(first, 0, 50, Sort.DATE, true);
        store.list(second, 0, 50, Sort.DATE, true);

        int before = commands();
        MessagePage warm = store.list(first, 0, 50, Sort.DATE, true);
        assertThat(commands() - before).as("commands for a warm revisit").isEqualTo(1);
        assertThat(wire.text()).containsPattern("[A-Z]+\\d+ STATUS .*HIGHESTMODSEQ");
        assertThat(warm).isEqualTo(cold);
        assertThat(warm.messages().getFirst().preview()).startsWith("text of first");

        Folder other = seeder.getFolder(first.asString());
        other.open(Folder.READ_WRITE);
        other.getMessage(1).setFlag(Flags.Flag.FLAGGED, true);
        long flaggedUid = ((jakarta.mail.UIDFolder) other).getUID(other.getMessage(1));
        other.close(false);
        store.list(second, 0, 50, Sort.DATE, true);
        before = commands();
        MessagePage refreshed = store.list(first, 0, 50, Sort.DATE, true);
        int refresh = commands() - before;
        assertThat(refreshed.messages()).filteredOn(m -> m.uid().uid() == flaggedUid).singleElement()
                .satisfies(m -> assertThat(m.flags()).contains(MessageFlag.FLAGGED));
        assertThat(refreshed.messages()).filteredOn(m -> m.uid().uid() != flaggedUid)
                .allSatisfy(m -> assertThat(m.flags()).doesNotContain(MessageFlag.FLAGGED));
        assertThat(wire.text()).containsPattern("CHANGEDSINCE");
        assertThat(refresh).as("STATUS, CLOSE, SELECT, FETCH CHANGEDSINCE").isLessThanOrEqualTo(4);

        other.appendMessages(new Message[] {message("first new")});
        MessagePage grown = store.list(first, 0, 50, Sort.DATE, true);
        assertThat(grown.total()).isEqualTo(4);
        assertThat(grown.messages()).extracting(m -> m.subject()).contains("first new");
    }
}
