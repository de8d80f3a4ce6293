package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * The runner end to end on the two shared Dovecots (main: no prefix, '/'; second: prefix INBOX., '.'), with the
 * test doubles for FolderSync and the mapper. Each test leaves the four mailboxes as it found them.
 */
@Tag("dovecot")
class ImapMigrationEngineDovecotTests {

    static final int MAIN = RunAccounts.MAIN;
    static final int SECOND = RunAccounts.SECOND;
    static final String SRC = RunAccounts.SRC;
    static final String SRC_PW = RunAccounts.SRC_PW;
    static final String DST = RunAccounts.DST;
    static final String DST_PW = RunAccounts.DST_PW;

    private final TestConnector connector = new TestConnector();
    private final InMemorySyncState state = new InMemorySyncState();

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
    void passCreatesNestedFoldersSubscribesThemAndCopiesEveryMessage() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 30, "inbox", false);
            Mailboxes.seed(src, "Projects", 10, "p", true);
            Mailboxes.seed(src, "Projects/2026", 5, "p26", true);
            Mailboxes.seed(src, "Archiv/Übersicht", 3, "u", false);
        }
        MigrationReport report = run(engine(new SimpleFolderSync(10), EngineSettings.defaults()), MAIN, SECOND,
                MigrationOptions.defaults(), CopyProgress.NONE, RunControl.UNLIMITED);

        assertThat(report.copied()).isEqualTo(48);
        assertThat(report.failed()).isZero();
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "INBOX", dst, "INBOX");
            assertSameMessages(src, "Projects", dst, "INBOX.Projects");
            assertSameMessages(src, "Projects/2026", dst, "INBOX.Projects.2026");
            assertSameMessages(src, "Archiv/Übersicht", dst, "INBOX.Archiv.Übersicht");
            assertThat(Mailboxes.subscribed(dst, "INBOX.Projects")).isTrue();
            assertThat(Mailboxes.subscribed(dst, "INBOX.Projects.2026")).isTrue();
            assertThat(Mailboxes.subscribed(dst, "INBOX.Archiv.Übersicht")).isFalse();
        }
        assertThat(report.folders()).extracting(FolderReport::source)
                .containsSubsequence("Projects", "Projects/2026").contains("INBOX", "Archiv/Übersicht");
    }

    @Test
    void bigFolderSplitIntoParallelChunksCopiesEveryMessageExactlyOnce() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 300, "big", false);
        }
        SimpleFolderSync sync = new SimpleFolderSync(5);
        MigrationReport report = run(engine(sync, EngineSettings.defaults().withChunks(40, 10)), MAIN, SECOND,
                MigrationOptions.defaults(), CopyProgress.NONE, RunControl.UNLIMITED);

        assertThat(report.copied()).isEqualTo(300);
        assertThat(sync.appends).hasValue(300);
        assertThat(sync.maxCopying.get()).as("chunks copied at once").isGreaterThan(1);
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "INBOX", dst, "INBOX");
        }
    }

    @Test
    void secondPassCopiesNothingAgain() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 20, "again", false);
        }
        SimpleFolderSync sync = new SimpleFolderSync(10);
        ImapMigrationEngine engine = engine(sync, EngineSettings.defaults());
        run(engine, MAIN, SECOND, MigrationOptions.defaults(), CopyProgress.NONE, RunControl.UNLIMITED);
        MigrationReport again = run(engine, MAIN, SECOND, MigrationOptions.defaults(), CopyProgress.NONE, RunControl.UNLIMITED);

        assertThat(again.copied()).isZero();
        assertThat(again.present()).isEqualTo(20);
        assertThat(sync.appends).hasValue(20);
    }

    @Test
    void secondServerToMainTranslatesPrefixAndSeparator() throws Exception {
        try (IMAPStore src = TestConnector.open(SECOND, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX.Reports", 4, "r", true);
            Mailboxes.seed(src, "INBOX.Reports.Q1", 6, "q1", true);
        }
        MigrationReport report = run(engine(new SimpleFolderSync(10), EngineSettings.defaults()), SECOND, MAIN,
                MigrationOptions.defaults(), CopyProgress.NONE, RunControl.UNLIMITED);

        assertThat(report.copied()).isEqualTo(10);
        try (IMAPStore src = TestConnector.open(SECOND, SRC, SRC_PW); IMAPStore dst = TestConnector.open(MAIN, DST, DST_PW)) {
            assertSameMessages(src, "INBOX.Reports.Q1", dst, "Reports/Q1");
            assertThat(Mailboxes.subscribed(dst, "Reports/Q1")).isTrue();
        }
    }

    @Test
    void dryRunCountsWhatWouldBeCopiedAndWritesNothing() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 12, "dry", false);
            Mailboxes.seed(src, "Later", 5, "later", true);
        }
        SimpleFolderSync sync = new SimpleFolderSync(10);
        MigrationReport report = run(engine(sync, EngineSettings.defaults()), MAIN, SECOND,
                MigrationOptions.defaults().withDryRun(true), CopyProgress.NONE, RunControl.UNLIMITED);

        assertThat(report.copied()).isEqualTo(17);
        assertThat(sync.appends).hasValue(0);
        assertThat(state.folder("INBOX")).isEmpty();
        try (IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertThat(dst.getFolder("INBOX.Later").exists()).isFalse();
            assertThat(Mailboxes.messageIds(dst, "INBOX")).isEmpty();
        }
    }

    @Test
    void perHostConnectionCapIsNeverExceeded() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 120, "cap", false);
            Mailboxes.seed(src, "Other", 60, "cap-o", false);
        }
        try (CuttableProxy toMain = CuttableProxy.to(MAIN); CuttableProxy toSecond = CuttableProxy.to(SECOND)) {
            HostLimits limits = new HostLimits(new HostLimits.Limit(3, 0, 0), Map.of());
            ImapMigrationEngine engine = new ImapMigrationEngine(connector, new SimpleFolderSync(5), new SimpleMapper(),
                    TestTrees::read, limits, EngineSettings.defaults().withWorkers(4).withChunks(20, 10));
            MigrationReport report = run(engine, toMain.port(), toSecond.port(), MigrationOptions.defaults(),
                    CopyProgress.NONE, RunControl.UNLIMITED);

            assertThat(report.copied()).isEqualTo(180);
            assertThat(toMain.maxOpen()).as("source connections at once").isBetween(2, 3);
            assertThat(toSecond.maxOpen()).as("destination connections at once").isBetween(2, 3);
            assertThat(limits.inUse("127.0.0.1:" + toMain.port())).isZero();
        }
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "INBOX", dst, "INBOX");
            assertSameMessages(src, "Other", dst, "INBOX.Other");
        }
    }

    @Test
    void hostRateLimitHoldsTheMessageRate() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 120, "rate", false);
        }
        HostLimits limits = new HostLimits(new HostLimits.Limit(8, 40, 0), Map.of());
        ImapMigrationEngine engine = new ImapMigrationEngine(connector, new SimpleFolderSync(5), new SimpleMapper(),
                TestTrees::read, limits, EngineSettings.defaults().withChunks(30, 10));
        long start = System.nanoTime();
        MigrationReport report = run(engine, MAIN, SECOND, MigrationOptions.defaults(), CopyProgress.NONE, RunControl.UNLIMITED);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.copied()).isEqualTo(120);
        // one second's burst (40), then 80 more at 40/s: at least 2 s less the last batch's reservation
        assertThat(took).isBetween(Duration.ofMillis(1_800), Duration.ofSeconds(8));
    }

    @Test
    void jobRateLimitFromTheOptionsHoldsUnderAnUnlimitedControl() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 60, "jobrate", false);
        }
        long start = System.nanoTime();
        MigrationReport report = run(engine(new SimpleFolderSync(5), EngineSettings.defaults().withChunks(15, 5)), MAIN,
                SECOND, MigrationOptions.defaults().withLimits(30, 0), CopyProgress.NONE, RunControl.UNLIMITED);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.copied()).isEqualTo(60);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(850)); // 30 burst, then 30 at 30/s
    }

    @Test
    void throttledResponsesBackOffAndFinish() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 40, "throttle", false);
        }
        AtomicInteger throttles = new AtomicInteger();
        SimpleFolderSync sync = new SimpleFolderSync(5) {
            @Override
            public ChunkResult copy(FolderPlan plan, List<SourceMessage> chunk, IMAPStore source, IMAPStore destination,
                                    SyncState s, RunControl control)
                    throws MessagingException, ServerThrottled, JobInterrupted, InterruptedException {
                if (throttles.incrementAndGet() <= 3) throw new ServerThrottled(false, "destination said [THROTTLED]");
                return super.copy(plan, chunk, source, destination, s, control);
            }
        };
        EngineSettings settings = EngineSettings.defaults().withWorkers(1).withChunks(100, 20)
                .withBackoff(Duration.ofMillis(200), Duration.ofMillis(400));
        long start = System.nanoTime();
        MigrationReport report = run(engine(sync, settings), MAIN, SECOND, MigrationOptions.defaults(), CopyProgress.NONE,
                RunControl.UNLIMITED);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.copied()).isEqualTo(40);
        assertThat(sync.appends).hasValue(40);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(100 + 200 + 200)); // half of 200, 400, 400 (capped)
    }

    @Test
    void serverThatKeepsThrottlingFailsTheJobAsUnreachable() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 5, "always", false);
        }
        SimpleFolderSync sync = new SimpleFolderSync(5) {
            @Override
            public ChunkResult copy(FolderPlan plan, List<SourceMessage> chunk, IMAPStore source, IMAPStore destination,
                                    SyncState s, RunControl control) throws ServerThrottled {
                throw new ServerThrottled(true, "source said [UNAVAILABLE]");
            }
        };
        EngineSettings settings = new EngineSettings(2, 8, 100, 20, 3, 2, 3, Duration.ofMillis(10), Duration.ofMillis(20));
        MigrationFailure failure = catchThrowableOfType(MigrationFailure.class, () -> run(engine(sync, settings), MAIN,
                SECOND, MigrationOptions.defaults(), CopyProgress.NONE, RunControl.UNLIMITED));

        assertThat(failure.kind()).isEqualTo(MigrationFailure.Kind.UNREACHABLE);
        assertThat(failure.source()).isTrue();
        assertThat(failure.getMessage()).contains("slow down").doesNotContain("UNAVAILABLE");
    }

    @Test
    void cutConnectionsMidPassEndCompleteWithoutDuplicates() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 200, "cut", false);
            Mailboxes.seed(src, "Side", 30, "cut-side", false);
        }
        SimpleFolderSync sync = new SimpleFolderSync(5);
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
            ImapMigrationEngine engine = new ImapMigrationEngine(connector, sync, new SimpleMapper(), TestTrees::read,
                    new HostLimits(new HostLimits.Limit(8, 0, 0), Map.of()),
                    EngineSettings.defaults().withWorkers(3).withChunks(50, 10));
            MigrationReport report = run(engine, toMain.port(), toSecond.port(), MigrationOptions.defaults(), cutter,
                    RunControl.UNLIMITED);

            assertThat(cut).isTrue();
            assertThat(toMain.accepted()).as("connections after the cut").isGreaterThan(4);
            assertThat(report.copied()).isEqualTo(230);
        }
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "INBOX", dst, "INBOX");
            assertSameMessages(src, "Side", dst, "INBOX.Side");
        }
    }

    @Test
    void authenticationFailureFailsAtOnceWithoutRetries() throws Exception {
        TestConnector counting = new TestConnector(false);
        EngineSettings settings = EngineSettings.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(4));
        ImapMigrationEngine engine = new ImapMigrationEngine(counting, new SimpleFolderSync(5), new SimpleMapper(),
                TestTrees::read, HostLimits.of(settings), settings);
        String wrong = "not-the-password-7f3a";
        try (ImapAccount source = TestConnector.account(MAIN, SRC, SRC_PW);
             ImapAccount destination = TestConnector.account(SECOND, DST, wrong)) {
            MigrationFailure failure = catchThrowableOfType(MigrationFailure.class, () -> engine.run(source, destination,
                    MigrationOptions.defaults(), state, CopyProgress.NONE, RunControl.UNLIMITED));

            assertThat(failure.kind()).isEqualTo(MigrationFailure.Kind.AUTHENTICATION);
            assertThat(failure.source()).isFalse();
            assertThat(failure.getMessage()).contains(DST).doesNotContain(wrong).doesNotContain(SRC_PW);
        }
        assertThat(counting.attempts(DST)).isEqualTo(1);
    }

    @Test
    void unreachableServerIsRetriedThenFails() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        EngineSettings settings = new EngineSettings(2, 8, 100, 20, 3, 3, 3, Duration.ofMillis(20), Duration.ofMillis(40));
        ImapMigrationEngine engine = engine(new SimpleFolderSync(5), settings);
        try (ImapAccount source = TestConnector.account(closedPort, SRC, SRC_PW);
             ImapAccount destination = TestConnector.account(SECOND, DST, DST_PW)) {
            MigrationFailure failure = catchThrowableOfType(MigrationFailure.class, () -> engine.run(source, destination,
                    MigrationOptions.defaults(), state, CopyProgress.NONE, RunControl.UNLIMITED));

            assertThat(failure.kind()).isEqualTo(MigrationFailure.Kind.UNREACHABLE);
            assertThat(failure.source()).isTrue();
        }
        assertThat(connector.attempts(SRC)).isEqualTo(3);
    }

    @Test
    void checkpointInterruptionStopsPromptlyAndTheNextPassResumes() throws Exception {
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW)) {
            Mailboxes.seed(src, "INBOX", 200, "pause", false);
        }
        SimpleFolderSync sync = new SimpleFolderSync(5);
        AtomicLong pausedAt = new AtomicLong();
        RunControl pauseSoon = new RunControl() {
            @Override
            public void checkpoint() throws JobInterrupted {
                if (sync.appends.get() >= 20) { // paused once the pass is well under way
                    pausedAt.compareAndSet(0, System.nanoTime());
                    throw new JobInterrupted(JobInterrupted.Why.PAUSED);
                }
            }

            @Override
            public void pace(int messages, long bytes) {
            }
        };
        try (CuttableProxy toMain = CuttableProxy.to(MAIN); CuttableProxy toSecond = CuttableProxy.to(SECOND)) {
            ImapMigrationEngine engine = new ImapMigrationEngine(connector, sync, new SimpleMapper(), TestTrees::read,
                    new HostLimits(new HostLimits.Limit(8, 0, 0), Map.of()),
                    EngineSettings.defaults().withWorkers(3).withChunks(40, 10));
            JobInterrupted interrupted = catchThrowableOfType(JobInterrupted.class, () -> run(engine, toMain.port(),
                    toSecond.port(), MigrationOptions.defaults(), CopyProgress.NONE, pauseSoon));
            long stoppedAfter = System.nanoTime() - pausedAt.get();

            assertThat(interrupted.why()).isEqualTo(JobInterrupted.Why.PAUSED);
            assertThat(Duration.ofNanos(stoppedAfter)).isLessThan(Duration.ofSeconds(3));
            assertThat(sync.appends.get()).isBetween(20, 199);
            org.vaultmail.testing.Await.until("every connection closed", Duration.ofSeconds(5),
                    () -> toMain.open() == 0 && toSecond.open() == 0);
        }
        MigrationReport resumed = run(engine(sync, EngineSettings.defaults()), MAIN, SECOND, MigrationOptions.defaults(),
                CopyProgress.NONE, RunControl.UNLIMITED);

        assertThat(resumed.copied() + resumed.present()).isEqualTo(200);
        assertThat(sync.appends).hasValue(200);
        try (IMAPStore src = TestConnector.open(MAIN, SRC, SRC_PW); IMAPStore dst = TestConnector.open(SECOND, DST, DST_PW)) {
            assertSameMessages(src, "INBOX", dst, "INBOX");
        }
    }

    private ImapMigrationEngine engine(FolderSync sync, EngineSettings settings) {
        return new ImapMigrationEngine(connector, sync, new SimpleMapper(), TestTrees::read,
                new HostLimits(new HostLimits.Limit(settings.connectionsPerHost(), 0, 0), Map.of()), settings);
    }

    private MigrationReport run(ImapMigrationEngine engine, int sourcePort, int destinationPort, MigrationOptions options,
                                CopyProgress progress, RunControl control) throws Exception {
        try (ImapAccount source = TestConnector.account(sourcePort, SRC, SRC_PW);
             ImapAccount destination = TestConnector.account(destinationPort, DST, DST_PW)) {
            return engine.run(source, destination, options, state, progress, control);
        }
    }

    static void assertSameMessages(IMAPStore src, String sourceFolder, IMAPStore dst, String destinationFolder)
            throws MessagingException {
        List<String> expected = Mailboxes.messageIds(src, sourceFolder);
        List<String> actual = Mailboxes.messageIds(dst, destinationFolder);
        assertThat(expected).isNotEmpty();
        assertThat(actual).as("%s -> %s", sourceFolder, destinationFolder).containsExactlyElementsOf(expected);
        assertThat(new ArrayList<>(new java.util.TreeSet<>(actual))).as("no duplicates").hasSameSizeAs(actual);
    }
}
