package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vaultmail.migrate.engine.ImapMigrationEngineDovecotTests.assertSameMessages;

import java.util.Map;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.mapping.StandardFolderMapper;
import org.vaultmail.testing.GreenMailFixture;

/** The runner end to end between two users of one in-JVM GreenMail: with the test doubles, and with the real classes. */
class ImapMigrationEngineGreenMailTests {

    private static final String FROM = "from@example.test";
    private static final String TO = "to@example.test";

    private GreenMailFixture greenMail;
    private final TestConnector connector = new TestConnector(false);

    @BeforeEach
    void start() throws Exception {
        greenMail = GreenMailFixture.start();
        greenMail.createUser(FROM, "from-pass");
        greenMail.createUser(TO, "to-pass");
        try (IMAPStore src = TestConnector.open(greenMail.imapPort(), FROM, "from-pass")) {
            Mailboxes.seed(src, "INBOX", 90, "gm", false);
            Mailboxes.seed(src, "Projects", 12, "gm-p", true);
            Mailboxes.seed(src, "Projects.2026", 6, "gm-p26", true);
        }
    }

    @AfterEach
    void stop() {
        greenMail.close();
    }

    @Test
    void testDoublesCopyEveryFolderInParallelChunksExactlyOnce() throws Exception {
        SimpleFolderSync sync = new SimpleFolderSync(5);
        ImapMigrationEngine engine = new ImapMigrationEngine(connector, sync, new SimpleMapper(), TestTrees::read,
                new HostLimits(new HostLimits.Limit(8, 0, 0), Map.of()), EngineSettings.defaults().withChunks(20, 10));

        MigrationReport report = run(engine);

        assertThat(report.copied()).isEqualTo(108);
        assertThat(sync.maxCopying.get()).isGreaterThan(1);
        assertCopied();
    }

    @Test
    void realFolderSyncAndMapperCopyEveryFolderExactlyOnce() throws Exception {
        ImapMigrationEngine engine = new ImapMigrationEngine(connector,
                new ImapFolderSync(FolderSyncSettings.defaults().withBatch(10, 1 << 20)), new StandardFolderMapper(),
                new HostLimits(new HostLimits.Limit(8, 0, 0), Map.of()), EngineSettings.defaults().withChunks(20, 10));

        MigrationReport report = run(engine);

        assertThat(report.copied()).isEqualTo(108);
        assertThat(report.failed()).isZero();
        assertCopied();
    }

    private MigrationReport run(ImapMigrationEngine engine) throws Exception {
        try (ImapAccount source = TestConnector.account(greenMail.imapPort(), FROM, "from-pass");
             ImapAccount destination = TestConnector.account(greenMail.imapPort(), TO, "to-pass")) {
            return engine.run(source, destination, MigrationOptions.defaults(), new InMemorySyncState(),
                    CopyProgress.NONE, RunControl.UNLIMITED);
        }
    }

    private void assertCopied() throws Exception {
        try (IMAPStore src = TestConnector.open(greenMail.imapPort(), FROM, "from-pass");
             IMAPStore dst = TestConnector.open(greenMail.imapPort(), TO, "to-pass")) {
            assertSameMessages(src, "INBOX", dst, "INBOX");
            assertSameMessages(src, "Projects", dst, "Projects");
            assertSameMessages(src, "Projects.2026", dst, "Projects.2026");
            assertThat(Mailboxes.subscribed(dst, "Projects.2026")).isTrue();
        }
    }
}
