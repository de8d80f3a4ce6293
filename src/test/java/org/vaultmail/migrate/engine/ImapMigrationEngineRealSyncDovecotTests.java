package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vaultmail.migrate.engine.ImapMigrationEngineDovecotTests.assertSameMessages;
import static org.vaultmail.migrate.engine.RunAccounts.DST;
import static org.vaultmail.migrate.engine.RunAccounts.DST_PW;
import static org.vaultmail.migrate.engine.RunAccounts.MAIN;
import static org.vaultmail.migrate.engine.RunAccounts.SECOND;
import static org.vaultmail.migrate.engine.RunAccounts.SRC;
import static org.vaultmail.migrate.engine.RunAccounts.SRC_PW;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.mapping.FolderMapper;
import org.vaultmail.migrate.mapping.FolderMapping;
import org.vaultmail.migrate.mapping.FolderPair;
import org.vaultmail.migrate.mapping.MailboxTree;
import org.vaultmail.migrate.mapping.StandardFolderMapper;

/** The runner wired with the real ImapFolderSync, StandardFolderMapper and MailboxTrees, Dovecot main → second. */
@Tag("dovecot")
class ImapMigrationEngineRealSyncDovecotTests {

    private final TestConnector connector = new TestConnector();
    private final InMemorySyncState state = new InMemorySyncState();
    /** The folder sync of the last {@link #engine}, for its counters. */
    private ImapFolderSync folderSync;

    @BeforeAll
    static void snapshotMailboxes() throws Exception {
        RunAccounts.snapshot();
    }

    @BeforeEach
    void accountsExist() {
        MigrationAccounts.restoreIfMissing();
    }

    @AfterEach
    void resetAfterEach() throws MessagingException {
        RunAccounts.reset();
    }

    @AfterAll
    static void resetMailboxes() throws MessagingException {
        RunAccounts.reset();
    }

    @Test
    void nestedFoldersInParallelChunksArriveExactlyOnceAndSubscribed() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 150, "real", false);
            Mailboxes.seed(src, "Projects", 20, "real-p", true);
            Mailboxes.seed(src, "Projects/2026", 10, "real-p26", true);
            Mailboxes.seed(src, "Archiv/Übersicht", 5, "real-u", false);
        }
        MigrationReport report = run(engine(EngineSettings.defaults().withChunks(40, 20)), MigrationOptions.defaults(),
                CopyProgress.NONE, MAIN, SECOND);

        assertThat(report.copied()).isEqualTo(185);
        assertThat(report.failed()).isZero();
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "INBOX", dst, "INBOX");
            assertSameMessages(src, "Projects", dst, "INBOX.Projects");
            assertSameMessages(src, "Projects/2026", dst, "INBOX.Projects.2026");
            assertSameMessages(src, "Archiv/Übersicht", dst, "INBOX.Archiv.Übersicht");
            assertThat(Mailboxes.subscribed(dst, "INBOX.Projects.2026")).isTrue();
        }
    }

    @Test
    void secondPassCopiesNothing() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 30, "real-again", false);
        }
        ImapMigrationEngine engine = engine(EngineSettings.defaults());
        run(engine, MigrationOptions.defaults(), CopyProgress.NONE, MAIN, SECOND);
        MigrationReport again = run(engine, MigrationOptions.defaults(), CopyProgress.NONE, MAIN, SECOND);

        assertThat(again.copied()).isZero();
        assertThat(again.present()).isEqualTo(30);
    }

    @Test
    void dryRunCountsAndWritesNothing() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 15, "real-dry", false);
            Mailboxes.seed(src, "Later", 4, "real-later", false);
        }
        MigrationReport report = run(engine(EngineSettings.defaults()), MigrationOptions.defaults().withDryRun(true),
                CopyProgress.NONE, MAIN, SECOND);

        assertThat(report.copied()).isEqualTo(19);
        assertThat(state.folder("INBOX")).isEmpty();
        try (IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertThat(dst.getFolder("INBOX.Later").exists()).isFalse();
            assertThat(Mailboxes.messageIds(dst, "INBOX")).isEmpty();
        }
    }

    @Test
    void cutConnectionsMidPassEndCompleteWithoutDuplicates() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 300, "real-cut", false);
        }
        try (CuttableProxy toMain = CuttableProxy.to(MAIN); CuttableProxy toSecond = CuttableProxy.to(SECOND)) {
            AtomicLong copied = new AtomicLong();
            AtomicBoolean cut = new AtomicBoolean();
            CopyProgress cutter = new CopyProgress() {
                @Override
                public void copied(FolderPair pair, int messages, long bytes) {
                    if (copied.addAndGet(messages) >= 60 && cut.compareAndSet(false, true)) {
                        Thread.ofPlatform().start(() -> {
                            toMain.cutAll();
                            toSecond.cutAll();
                        });
                    }
                }
            };
            MigrationReport report = run(engine(EngineSettings.defaults().withWorkers(3).withChunks(60, 20)),
                    MigrationOptions.defaults(), cutter, toMain.port(), toSecond.port());

            assertThat(cut).isTrue();
            assertThat(report.copied()).isEqualTo(300);
        }
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "INBOX", dst, "INBOX");
        }
    }

    @Test
    void aNoselectSourceParentIsLeftToItsChildsCreateAndNotedInTheReport() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "Lists/dev", 4, "real-ns", false); // Dovecot makes "Lists" a \Noselect name
            assertThat(attributes(src, "Lists")).contains("\\Noselect");
        }
        MigrationReport report = run(engine(EngineSettings.defaults()), MigrationOptions.defaults(), CopyProgress.NONE,
                MAIN, SECOND);

        assertThat(report.copied()).isEqualTo(4);
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "Lists/dev", dst, "INBOX.Lists.dev");
            assertThat(attributes(dst, "INBOX.Lists")).as("not created as an ordinary folder").contains("\\Noselect");
        }
        FolderReport lists = report.folders().stream().filter(f -> f.source().equals("Lists")).findFirst().orElseThrow();
        assertThat(lists.notes()).containsExactly(new FolderNote(FolderNote.Kind.NOSELECT_PARENT, "INBOX.Lists"));
        FolderReport dev = report.folders().stream().filter(f -> f.source().equals("Lists/dev")).findFirst().orElseThrow();
        assertThat(dev.notes()).isEmpty();
    }

    /**
     * The mapping would now send Junk elsewhere (as when the destination gains a folder with the \Junk attribute,
     * which the shared servers' fixed configuration cannot show): the rerun keeps the first run's destination.
     */
    @Test
    void aRerunKeepsTheFirstRunsDestinationWhenTheMappingWouldNowChooseAnother() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "Junk", 3, "real-junk", false); // \Junk; the destination has no junk folder
        }
        AtomicBoolean gained = new AtomicBoolean();
        FolderMapper standard = new StandardFolderMapper();
        FolderMapper fickle = new FolderMapper() {
            @Override
            public java.util.List<FolderPair> map(MailboxTree source, MailboxTree destination, MigrationOptions options) {
                return plan(source, destination, options).pairs();
            }

            @Override
            public FolderMapping plan(MailboxTree source, MailboxTree destination, MigrationOptions options) {
                FolderMapping m = standard.plan(source, destination, options);
                if (!gained.get()) return m;
                return new FolderMapping(m.pairs().stream().map(p -> p.source().equals("Junk")
                        ? new FolderPair(p.source(), "INBOX.Spam", p.specialUse(), p.subscribed(), false, p.selectable()) : p)
                        .toList(), m.notes());
            }
        };
        ImapMigrationEngine engine = new ImapMigrationEngine(connector, new ImapFolderSync(FolderSyncSettings.defaults()),
                fickle, new HostLimits(new HostLimits.Limit(8, 0, 0), Map.of()), EngineSettings.defaults());
        MigrationReport first = run(engine, MigrationOptions.defaults(), CopyProgress.NONE, MAIN, SECOND);
        assertThat(destinationOf(first, "Junk")).isEqualTo("INBOX.Junk");

        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            dst.getFolder("INBOX.Spam").create(jakarta.mail.Folder.HOLDS_MESSAGES);
            Mailboxes.seed(src, "Junk", 2, "real-junk-later", false);
        }
        gained.set(true);
        MigrationReport again = run(engine, MigrationOptions.defaults(), CopyProgress.NONE, MAIN, SECOND);

        assertThat(destinationOf(again, "Junk")).isEqualTo("INBOX.Junk");
        assertThat(again.copied()).isEqualTo(2);
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "Junk", dst, "INBOX.Junk");
            assertThat(Mailboxes.messageIds(dst, "INBOX.Spam")).isEmpty();
        }
        // a manual rule still wins over the earlier run
        MigrationOptions ruled = new MigrationOptions(java.util.List.of(), java.util.List.of(),
                java.util.List.of(new org.vaultmail.migrate.FolderRule("Junk", "INBOX.Spam")), null, null, 0, false, true,
                org.vaultmail.migrate.MigrationMode.COPY, false, 0, 0);
        assertThat(destinationOf(run(engine, ruled, CopyProgress.NONE, MAIN, SECOND), "Junk")).isEqualTo("INBOX.Spam");
    }

    private static String destinationOf(MigrationReport report, String source) {
        return report.folders().stream().filter(f -> f.source().equals(source)).findFirst().orElseThrow().destination();
    }

    private static java.util.List<String> attributes(IMAPStore store, String name) throws MessagingException {
        for (jakarta.mail.Folder f : store.getDefaultFolder().list("*")) {
            if (f.getFullName().equals(name)) return java.util.List.of(((org.eclipse.angus.mail.imap.IMAPFolder) f).getAttributes());
        }
        return java.util.List.of();
    }

    /**
     * A rerun with no change settles every folder on the connection pair that read the trees: one login per side
     * (before: one more pair per worker that planned a folder), two STATUS round trips per folder (the report reuses
     * the planner's answer for the destination; before: three), no body fetched, the same report and progress; a
     * folder that did change in the meantime is still planned and copied by the pass.
     */
    @Test
    void aRerunWithNoChangeOpensOneConnectionPerSideAndAChangedFolderIsStillCopied() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 30, "settle", false);
            Mailboxes.seed(src, "Projects", 10, "settle-p", true);
            Mailboxes.seed(src, "Archiv/Übersicht", 5, "settle-u", false);
        }
        ImapMigrationEngine engine = engine(EngineSettings.defaults());
        MigrationReport first = run(engine, MigrationOptions.defaults(), CopyProgress.NONE, MAIN, SECOND);
        assertThat(first.copied()).isEqualTo(45);
        int sourceLogins = connector.attempts(SRC);
        int destinationLogins = connector.attempts(DST);
        long statuses = folderSync.counters().statusCommands();
        long bodies = folderSync.counters().bodiesFetched();
        java.util.List<FolderReport> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicLong present = new AtomicLong();
        CopyProgress watching = new CopyProgress() {
            @Override
            public void present(FolderPair pair, long messages) {
                present.addAndGet(messages);
            }

            @Override
            public void folderDone(FolderReport report) {
                done.add(report);
            }
        };

        MigrationReport rerun = run(engine, MigrationOptions.defaults(), watching, MAIN, SECOND);

        assertThat(rerun.copied()).isZero();
        assertThat(rerun.failed()).isZero();
        assertThat(connector.attempts(SRC) - sourceLogins).as("source logins of the rerun").isEqualTo(1);
        assertThat(connector.attempts(DST) - destinationLogins).as("destination logins of the rerun").isEqualTo(1);
        assertThat(folderSync.counters().statusCommands() - statuses).as("STATUS round trips of the rerun")
                .isEqualTo(2L * selectable(rerun));
        assertThat(folderSync.counters().bodiesFetched() - bodies).as("bodies fetched by the rerun").isZero();
        assertThat(done).hasSameSizeAs(rerun.folders());
        assertThat(present.get()).isEqualTo(45);
        assertThat(rerun.folders()).filteredOn(f -> f.source().equals("Projects")).singleElement()
                .satisfies(f -> {
                    assertThat(f.sourceCount()).isEqualTo(10);
                    assertThat(f.destinationCount()).isEqualTo(10);
                    assertThat(f.present()).isEqualTo(10);
                });

        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "Projects", 3, "settle-p-later", true);
        }
        MigrationReport afterChange = run(engine, MigrationOptions.defaults(), CopyProgress.NONE, MAIN, SECOND);
        assertThat(afterChange.copied()).isEqualTo(3);
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "Projects", dst, "INBOX.Projects");
            assertSameMessages(src, "INBOX", dst, "INBOX");
        }
    }

    /** How many of a report's source folders hold messages (a \Noselect parent is planned without STATUS). */
    private static long selectable(MigrationReport report) throws MessagingException {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            long n = 0;
            for (FolderReport f : report.folders()) {
                if ((src.getFolder(f.source()).getType() & jakarta.mail.Folder.HOLDS_MESSAGES) != 0) n++;
            }
            return n;
        }
    }

    private ImapMigrationEngine engine(EngineSettings settings) {
        folderSync = new ImapFolderSync(FolderSyncSettings.defaults().withBatch(10, 1 << 20));
        return new ImapMigrationEngine(connector, folderSync,
                new StandardFolderMapper(), new HostLimits(new HostLimits.Limit(8, 0, 0), Map.of()), settings);
    }

    private MigrationReport run(ImapMigrationEngine engine, MigrationOptions options, CopyProgress progress,
                                int sourcePort, int destinationPort) throws Exception {
        try (ImapAccount source = TestConnector.account(sourcePort, SRC, SRC_PW);
             ImapAccount destination = TestConnector.account(destinationPort, DST, DST_PW)) {
            return engine.run(source, destination, options, state, progress, RunControl.UNLIMITED);
        }
    }
}
