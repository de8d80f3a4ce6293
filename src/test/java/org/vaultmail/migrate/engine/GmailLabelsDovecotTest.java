package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.mapping.StandardFolderMapper;
import org.vaultmail.testing.DovecotFixture;

/**
 * The Gmail label policy (ADR 0046) on a Gmail-shaped mailbox on the real Dovecot (no X-GM-EXT-1: messages are
 * recognised across folders by fingerprint): one copy per message, never one per label.
 */
@Tag("dovecot")
class GmailLabelsDovecotTest {

    private static final int PORT = DovecotFixture.IMAP_PORT;
    private static final String SRC = "oauth-gmail-src@example.test";
    private static final String SRC_PW = "oauth-gmail-src-pass";
    private static final String DST = "oauth-mig-dst@example.test";
    private static final String DST_PW = "oauth-mig-dst-pass";

    @BeforeEach
    void seed() throws Exception {
        try (IMAPStore src = TestConnector.open(PORT, SRC, SRC_PW); IMAPStore dst = TestConnector.open(PORT, DST, DST_PW)) {
            GmailMailbox.wipe(src);
            GmailMailbox.wipe(dst);
            GmailMailbox.seed(src);
        }
    }

    @AfterEach
    void wipe() throws Exception {
        try (IMAPStore src = TestConnector.open(PORT, SRC, SRC_PW); IMAPStore dst = TestConnector.open(PORT, DST, DST_PW)) {
            GmailMailbox.wipe(src);
            GmailMailbox.wipe(dst);
        }
    }

    @Test
    void firstLabelCopiesEveryMessageOnceIntoItsHomeFolder() throws Exception {
        MigrationReport report = run(MigrationOptions.defaults(), new InMemorySyncState());

        Map<String, List<String>> where;
        try (IMAPStore dst = TestConnector.open(PORT, DST, DST_PW)) {
            where = GmailMailbox.where(dst);
        }
        assertThat(where.keySet()).containsExactlyInAnyOrderElementsOf(GmailMailbox.LAYOUT.keySet());
        where.forEach((id, folders) -> assertThat(folders).as(id).hasSize(1)); // never one copy per label
        assertThat(where.get("m1-inbox-work")).containsExactly("INBOX");
        assertThat(where.get("m2-receipts-work")).containsExactly("Receipts");
        assertThat(where.get("m3-archived-unlabelled")).containsExactly("[Gmail]/All Mail");
        assertThat(where.get("m4-sent-work").getFirst()).containsIgnoringCase("sent");
        assertThat(where.get("m5-inbox-starred")).containsExactly("INBOX");
        assertThat(where.get("m6-projects")).containsExactly("Work");
        assertThat(where.get("m7-trash")).containsExactly("Trash");
        assertThat(report.copied()).isEqualTo(7);
        assertThat(report.failed()).isZero();
        assertThat(report.folders()).noneMatch(f -> f.source().equals("[Gmail]/Starred"));
    }

    @Test
    void aRerunCopiesNothingAndDuplicatesNothing() throws Exception {
        InMemorySyncState state = new InMemorySyncState();
        run(MigrationOptions.defaults(), state);
        MigrationReport again = run(MigrationOptions.defaults(), state);

        assertThat(again.copied()).isZero();
        try (IMAPStore dst = TestConnector.open(PORT, DST, DST_PW)) {
            GmailMailbox.where(dst).forEach((id, folders) -> assertThat(folders).as(id).hasSize(1));
        }
    }

    @Test
    void allLabelsCopiesIntoEveryLabelButAllMailOnlyWhatIsNowhereElse() throws Exception {
        MigrationReport report = run(MigrationOptions.defaults().withGmailLabels(MigrationOptions.GmailLabels.ALL_LABELS),
                new InMemorySyncState());

        Map<String, List<String>> where;
        try (IMAPStore dst = TestConnector.open(PORT, DST, DST_PW)) {
            where = GmailMailbox.where(dst);
        }
        assertThat(where.get("m1-inbox-work")).containsExactlyInAnyOrder("INBOX", "Work");
        assertThat(where.get("m2-receipts-work")).containsExactlyInAnyOrder("Receipts", "Work");
        assertThat(where.get("m3-archived-unlabelled")).containsExactly("[Gmail]/All Mail");
        assertThat(where.get("m5-inbox-starred")).containsExactly("INBOX");
        assertThat(where.get("m6-projects")).containsExactlyInAnyOrder("Work", "Work/Projects");
        where.values().forEach(folders -> assertThat(folders).doesNotHaveDuplicates().doesNotContain("[Gmail]/Starred"));
        assertThat(report.copied()).isEqualTo(11);
    }

    @Test
    void withTheGmailExtensionMessagesAreRecognisedByXGmMsgid() throws Exception {
        try (GmailExtensionProxy gmail = new GmailExtensionProxy(PORT)) {
            MigrationReport report = run(MigrationOptions.defaults(), new InMemorySyncState(), gmail.port());

            assertThat(gmail.msgidFetches.get()).as("one X-GM-MSGID fetch per copied source folder").isGreaterThanOrEqualTo(6);
            assertThat(report.copied()).isEqualTo(7);
        }
        try (IMAPStore dst = TestConnector.open(PORT, DST, DST_PW)) {
            Map<String, List<String>> where = GmailMailbox.where(dst);
            where.forEach((id, folders) -> assertThat(folders).as(id).hasSize(1));
            assertThat(where.get("m2-receipts-work")).containsExactly("Receipts");
            assertThat(where.get("m3-archived-unlabelled")).containsExactly("[Gmail]/All Mail");
        }
    }

    private static MigrationReport run(MigrationOptions options, SyncState state) throws Exception {
        return run(options, state, PORT);
    }

    private static MigrationReport run(MigrationOptions options, SyncState state, int sourcePort) throws Exception {
        EngineSettings settings = EngineSettings.defaults();
        ImapMigrationEngine engine = new ImapMigrationEngine(new TestConnector(false),
                new ImapFolderSync(FolderSyncSettings.defaults()), new StandardFolderMapper(),
                new HostLimits(new HostLimits.Limit(8, 0, 0), Map.of()), settings);
        try (ImapAccount source = TestConnector.account(sourcePort, SRC, SRC_PW);
             ImapAccount destination = TestConnector.account(PORT, DST, DST_PW)) {
            return engine.run(source, destination, options, state, CopyProgress.NONE, RunControl.UNLIMITED);
        }
    }
}
