package org.vaultmail.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationMode;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * The contract of {@link ImapFolderSync} on real servers: exact copies (raw SHA-256, flags and keywords, INTERNALDATE),
 * the source untouched, reruns that fetch only what changed, resumption after a crash, dry run and mirror mode.
 * Subclasses name the two sides.
 */
abstract class FolderSyncContract {

    static final Instant FAR_PAST = Instant.parse("2001-02-03T04:05:06Z");

    @TempDir
    Path spool;

    IMAPStore source;
    IMAPStore destination;
    String marker;
    ImapFolderSync sync;

    abstract TestMailbox sourceSide();

    abstract TestMailbox destinationSide();

    @BeforeEach
    void connect() throws MessagingException {
        source = sourceSide().connect();
        destination = destinationSide().connect();
        marker = "Eng" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        sync = new ImapFolderSync(settings());
    }

    @AfterEach
    void cleanUp() throws MessagingException {
        if (source == null || destination == null) return;
        if (!source.isConnected()) source = sourceSide().connect();
        if (!destination.isConnected()) destination = destinationSide().connect();
        try {
            TestMailbox.deleteAll(source, marker);
            TestMailbox.deleteAll(destination, marker);
        } finally {
            source.close();
            destination.close();
        }
    }

    /** Small batches and a 1 MB streaming threshold, so that batching and spooling are exercised with little data. */
    FolderSyncSettings settings() {
        return new FolderSyncSettings(spool, 50, 1 << 20, 1 << 20, 256 * 1024, 1);
    }

    @Test
    void copiesEveryMessageByteIdenticalWithFlagsKeywordsAndInternalDateAndLeavesTheSourceUntouched() throws Exception {
        FolderPair nested = pair("Sub");
        FolderPair unicode = pair("Entwürfe ✓");
        seedFixture(nested.source());
        IMAPFolder big = folder(source, unicode.source());
        TestMailbox.append(big, bigMessage(20 << 20), FAR_PAST, "\\Seen", "$Big");
        TestMailbox.append(big, plain(1, "Grüße"), Instant.parse("2019-06-01T12:00:00Z"));
        long modSeqBefore = condstore() ? TestMailbox.highestModSeq(source, nested.source()) : 0;
        InMemorySyncState state = new InMemorySyncState();

        FolderReport first = pass(nested, MigrationOptions.defaults(), state);
        FolderReport second = pass(unicode, MigrationOptions.defaults(), state);

        assertThat(first.copied()).isEqualTo(9);
        assertThat(first.failed()).isZero();
        assertThat(second.copied()).isEqualTo(2);
        assertExactCopy(nested);
        assertExactCopy(unicode);
        if (condstore()) assertThat(TestMailbox.highestModSeq(source, nested.source())).isEqualTo(modSeqBefore);
        try (var files = Files.list(spool)) {
            assertThat(files).as("spool files deleted").isEmpty();
        }
    }

    @Test
    void rerunWithNoChangeFetchesNoBody() throws Exception {
        FolderPair pair = pair("Sub");
        seedFixture(pair.source());
        InMemorySyncState state = new InMemorySyncState();
        pass(pair, MigrationOptions.defaults(), state);
        sync.counters().reset();

        FolderPlan plan = sync.plan(pair, source, destination, MigrationOptions.defaults(), state);
        FolderReport report = sync.finish(plan, List.of(), source, destination, MigrationOptions.defaults(), state);

        assertThat(plan.toCopy()).isEmpty();
        assertThat(report.copied()).isZero();
        assertThat(sync.counters().bodiesFetched()).isZero();
        assertThat(sync.counters().headersFetched()).isZero();
        assertThat(sync.counters().appendCommands()).isZero();
        if (condstore()) {
            assertThat(plan.noChange()).isTrue();
            assertThat(sync.counters().metadataFetched()).isZero();
        }
        assertExactCopy(pair);
    }

    @Test
    void rerunAfter500NewMessagesAnd1000FlagChangesCopiesAndStoresExactlyThose() throws Exception {
        FolderPair pair = pair("Bulk");
        IMAPFolder src = folder(source, pair.source());
        seed(pair.source(), 0, 1000, "old");
        InMemorySyncState state = new InMemorySyncState();
        pass(pair, MigrationOptions.defaults(), state);
        seed(pair.source(), 1000, 1500, "new");
        reconnectIfDropped();
        src = folder(source, pair.source());
        src.open(Folder.READ_WRITE);
        Flags changed = new Flags(Flags.Flag.SEEN);
        changed.add("$Changed");
        src.setFlags(1, 1000, changed, true);
        src.close(false);
        sync.counters().reset();

        FolderReport report = pass(pair, MigrationOptions.defaults(), state);

        assertThat(report.copied()).isEqualTo(500);
        assertThat(sync.counters().bodiesFetched()).isEqualTo(500);
        assertThat(sync.counters().messagesAppended()).isEqualTo(500);
        assertThat(sync.counters().headersFetched()).isZero();
        assertThat(sync.counters().flagsStored()).isEqualTo(1000);
        assertExactCopy(pair);
    }

    @Test
    void rerunAfterTheStateWasLostAddsNoDuplicateAndCopiesOnlyTheNewDuplicate() throws Exception {
        FolderPair pair = pair("Sub");
        seedFixture(pair.source());
        pass(pair, MigrationOptions.defaults(), new InMemorySyncState());
        TestMailbox.append(folder(source, pair.source()), duplicate(), FAR_PAST); // a third byte-identical copy

        FolderReport report = pass(pair, MigrationOptions.defaults(), new InMemorySyncState());

        assertThat(report.copied()).isEqualTo(1);
        assertThat(report.present()).isEqualTo(9);
        assertThat(report.ambiguous()).isZero();
        assertThat(sync.counters().appendCommands()).isGreaterThan(0);
        assertExactCopy(pair);
    }

    @Test
    void sameHeadersAndSizeWithDifferentBodiesAreDecidedByComparingTheBodies() throws Exception {
        FolderPair pair = pair("Twins");
        byte[] a = TestMailbox.message("Message-ID: <twin@example.test>", "Subject: twin", "", "AAAA");
        byte[] b = TestMailbox.message("Message-ID: <twin@example.test>", "Subject: twin", "", "BBBB");
        TestMailbox.append(folder(source, pair.source()), a, FAR_PAST);
        TestMailbox.append(folder(source, pair.source()), b, FAR_PAST);
        TestMailbox.append(folder(destination, pair.destination()), b, FAR_PAST); // put there by another tool

        FolderReport report = pass(pair, MigrationOptions.defaults(), new InMemorySyncState());

        assertThat(report.copied()).isEqualTo(1);
        assertThat(report.present()).isEqualTo(1);
        assertThat(report.ambiguous()).isZero();
        assertExactCopy(pair);
    }

    @Test
    void crashAfterTheAppendsOkBeforeItWasRecordedResumesWithoutDuplicate() throws Exception {
        FolderPair pair = pair("Crash");
        seed(pair.source(), 0, 120, "crash");
        InMemorySyncState durable = new InMemorySyncState();
        SyncState dying = new CrashAfterAppend(durable, 2); // the second batch's OK arrives, then the node dies
        FolderPlan plan = sync.plan(pair, source, destination, MigrationOptions.defaults(), dying);
        assertThatThrownBy(() -> sync.copy(plan, plan.toCopy(), source, destination, dying, RunControl.UNLIMITED))
                .hasMessageContaining("simulated crash");
        assertThat(durable.pending(plan.state().id())).hasSize(1);

        ImapFolderSync restarted = new ImapFolderSync(settings());
        FolderPlan resumed = restarted.plan(pair, source, destination, MigrationOptions.defaults(), durable);
        // batches of 50 with MULTIAPPEND (the first recorded, the second found by fingerprint); else one per APPEND
        int resolved = destination.hasCapability("MULTIAPPEND") ? 100 : 2;
        assertThat(resumed.present()).isEqualTo(resolved);
        assertThat(resumed.toCopy()).hasSize(120 - resolved);
        ChunkResult chunk = restarted.copy(resumed, resumed.toCopy(), source, destination, durable, RunControl.UNLIMITED);
        restarted.finish(resumed, List.of(chunk), source, destination, MigrationOptions.defaults(), durable);

        assertThat(durable.pending(resumed.state().id())).isEmpty();
        assertThat(TestMailbox.read(destination, pair.destination())).hasSize(120);
        assertExactCopy(pair);
    }

    /**
     * A dropped connection's last APPEND can still be committing on the server (its process has the whole literal)
     * when the job reconnects and resolves the pending batch: the message shows up a few hundred ms later. Here a
     * thread plays that server process, storing the pending message 300 ms after the resume starts; the resume must
     * find it then instead of copying it a second time. (Seen once in CI with the test double's resolution.)
     */
    @Test
    void anAppendTheServerCommitsLateAfterADropIsFoundInsteadOfCopiedTwice() throws Exception {
        FolderPair pair = pair("Late");
        seed(pair.source(), 0, 5, "late");
        InMemorySyncState durable = new InMemorySyncState();
        FolderPlan first = sync.plan(pair, source, destination, MigrationOptions.defaults(), durable);
        SourceMessage inFlight = first.toCopy().getFirst();
        long uidNext = folder(destination, pair.destination()).getUIDNext();
        byte[] raw = plain(0, "late"); // seed()'s first message, as the engine sent it
        durable.beginAppend(first.state().id(), uidNext, List.of(new SyncState.PendingMessage(inFlight.uid(),
                inFlight.size(), Fingerprints.ofMessage(raw, 0, raw.length, inFlight.size()))));
        IMAPStore lateWriter = destinationSide().connect();
        Thread commitsLate = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300); // the in-flight APPEND's tagged OK comes late: the sync is already checking
                TestMailbox.append(folder(lateWriter, pair.destination()), raw, FAR_PAST);
            } catch (InterruptedException | MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            FolderReport report = pass(pair, MigrationOptions.defaults(), new ImapFolderSync(settings()), durable);
            commitsLate.join();
            assertThat(report.copied()).isEqualTo(4);
        } finally {
            commitsLate.join();
            lateWriter.close();
        }
        assertThat(TestMailbox.read(destination, pair.destination())).as("no duplicate").hasSize(5);
        assertExactCopy(pair);
    }

    @Test
    void chunksCopiedInParallelOnSeparateConnectionsGiveAnExactCopy() throws Exception {
        FolderPair pair = pair("Parallel");
        seed(pair.source(), 0, 200, "parallel");
        TestMailbox.append(folder(source, pair.source()), duplicate(), FAR_PAST);
        TestMailbox.append(folder(source, pair.source()), duplicate(), FAR_PAST);
        InMemorySyncState state = new InMemorySyncState();
        FolderPlan plan = sync.plan(pair, source, destination, MigrationOptions.defaults(), state);
        List<SourceMessage> all = plan.toCopy();
        List<java.util.concurrent.Future<ChunkResult>> running = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                List<SourceMessage> chunk = all.subList(i * all.size() / 4, (i + 1) * all.size() / 4);
                running.add(pool.submit(() -> {
                    IMAPStore s = sourceSide().connect();
                    IMAPStore d = destinationSide().connect();
                    try {
                        return sync.copy(plan, chunk, s, d, state, RunControl.UNLIMITED);
                    } finally {
                        s.close();
                        d.close();
                    }
                }));
            }
            List<ChunkResult> results = new ArrayList<>();
            for (var f : running) results.add(f.get());
            FolderReport report = sync.finish(plan, results, source, destination, MigrationOptions.defaults(), state);
            assertThat(report.copied()).isEqualTo(202);
        }
        assertThat(state.copied(plan.state().id())).hasSize(202);
        assertThat(state.copied(plan.state().id()).values()).doesNotHaveDuplicates();
        assertExactCopy(pair);
    }

    @Test
    void crashAfterRecordingAnAppendBeforeSendingItCopiesTheBatchOnResume() throws Exception {
        FolderPair pair = pair("Crash2");
        seed(pair.source(), 0, 60, "crash2");
        InMemorySyncState durable = new InMemorySyncState();
        SyncState dying = new CrashAfterAppend(durable, Integer.MAX_VALUE) {
            private final AtomicInteger begun = new AtomicInteger();

            @Override
            public long beginAppend(long id, long uidNext, List<PendingMessage> messages) {
                long batch = super.beginAppend(id, uidNext, messages);
                if (begun.incrementAndGet() == 2) throw new IllegalStateException("simulated crash");
                return batch;
            }
        };
        FolderPlan plan = sync.plan(pair, source, destination, MigrationOptions.defaults(), dying);
        assertThatThrownBy(() -> sync.copy(plan, plan.toCopy(), source, destination, dying, RunControl.UNLIMITED))
                .hasMessageContaining("simulated crash");

        FolderReport report = pass(pair, MigrationOptions.defaults(), durable);

        assertThat(durable.pending(plan.state().id())).isEmpty();
        assertThat(report.copied()).isEqualTo(60 - report.present());
        assertThat(TestMailbox.read(destination, pair.destination())).hasSize(60);
        assertExactCopy(pair);
    }

    @Test
    void dryRunPlansAndCountsButWritesNothing() throws Exception {
        FolderPair pair = pair("Sub");
        seedFixture(pair.source());
        InMemorySyncState state = new InMemorySyncState();
        MigrationOptions dry = MigrationOptions.defaults().withDryRun(true);

        FolderReport report = pass(pair, dry, state);

        assertThat(report.copied()).isEqualTo(9);
        assertThat(report.destinationCount()).isZero();
        assertThat(state.folder(pair.source())).isEmpty();
        assertThat(sync.counters().appendCommands()).isZero();
        assertThat(sync.counters().bodiesFetched()).isZero();
        assertThat(TestMailbox.read(destination, pair.destination())).isEmpty();
    }

    @Test
    void mirrorModeRemovesExactlyWhatTheSourceLost() throws Exception {
        FolderPair pair = pair("Mirror");
        seed(pair.source(), 0, 10, "mirror");
        TestMailbox.append(folder(source, pair.source()), plain(99, "deleted, not expunged"), FAR_PAST, "\\Deleted");
        InMemorySyncState state = new InMemorySyncState();
        pass(pair, MigrationOptions.defaults(), state);
        reconnectIfDropped();
        IMAPFolder src = folder(source, pair.source());
        src.open(Folder.READ_WRITE);
        Message[] gone = {src.getMessage(2), src.getMessage(5), src.getMessage(7)};
        src.setFlags(gone, new Flags(Flags.Flag.DELETED), true);
        src.expunge(gone); // UID EXPUNGE of just these: the \Deleted message above stays
        src.close(false);

        FolderReport report = pass(pair, MigrationOptions.defaults().withMode(MigrationMode.MIRROR, true), state);

        assertThat(report.removed()).isEqualTo(3);
        assertThat(report.destinationCount()).isEqualTo(8);
        assertExactCopy(pair);
    }

    @Test
    void messageOverTheJobsLimitIsSkippedAndReportedAsFailed() throws Exception {
        FolderPair pair = pair("Limit");
        IMAPFolder src = folder(source, pair.source());
        TestMailbox.append(src, plain(1, "small"), FAR_PAST);
        TestMailbox.append(src, bigMessage(200_000), FAR_PAST);
        MigrationOptions limited = new MigrationOptions(List.of(), List.of(), List.of(), null, null, 100_000, false,
                false, MigrationMode.COPY, false, 0, 0);

        FolderReport report = pass(pair, limited, new InMemorySyncState());

        assertThat(report.copied()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.destinationCount()).isEqualTo(1);
    }

    // ---- helpers ----

    boolean condstore() throws MessagingException {
        return source.hasCapability("CONDSTORE");
    }

    /** A source folder and its destination, both created (nested under the test's marker). */
    FolderPair pair(String leaf) throws MessagingException {
        String src = TestMailbox.name(source, marker, leaf);
        String dst = TestMailbox.name(destination, marker, leaf);
        TestMailbox.create(source, TestMailbox.name(source, marker));
        TestMailbox.create(destination, TestMailbox.name(destination, marker));
        TestMailbox.create(source, src);
        TestMailbox.create(destination, dst);
        return new FolderPair(src, dst, null, true, false, true);
    }

    static IMAPFolder folder(IMAPStore store, String name) throws MessagingException {
        return (IMAPFolder) store.getFolder(name);
    }

    /** Plain messages {@code from..to-1}; a connection the busy shared server drops is opened again. */
    void seed(String folder, int from, int to, String subject) throws MessagingException {
        for (int i = from; i < to; i++) {
            try {
                TestMailbox.append(folder(source, folder), plain(i, subject), FAR_PAST.plusSeconds(i));
            } catch (jakarta.mail.StoreClosedException | jakarta.mail.FolderClosedException e) {
                reconnectIfDropped();
                i--;
            }
        }
    }

    void reconnectIfDropped() throws MessagingException {
        if (!source.isConnected()) source = sourceSide().connect();
        if (!destination.isConnected()) destination = destinationSide().connect();
    }

    /**
     * As the engine runs a pass: plan → copy (in chunks of 40) → finish; after a dropped connection (the shared
     * servers are restarted by other test runs now and then) connect again and plan again, which must resume.
     */
    FolderReport pass(FolderPair pair, MigrationOptions options, SyncState state) throws Exception {
        return pass(pair, options, sync, state);
    }

    FolderReport pass(FolderPair pair, MigrationOptions options, ImapFolderSync sync, SyncState state) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return passOnce(pair, options, sync, state);
            } catch (jakarta.mail.StoreClosedException | jakarta.mail.FolderClosedException e) {
                if (attempt == 3) throw e;
                reconnectIfDropped();
            }
        }
    }

    FolderReport passOnce(FolderPair pair, MigrationOptions options, ImapFolderSync sync, SyncState state) throws Exception {
        FolderPlan plan = sync.plan(pair, source, destination, options, state);
        List<ChunkResult> results = new ArrayList<>();
        if (!options.dryRun()) {
            List<SourceMessage> all = plan.toCopy();
            for (int i = 0; i < all.size(); i += 40) {
                results.add(sync.copy(plan, all.subList(i, Math.min(all.size(), i + 40)), source, destination, state,
                        RunControl.UNLIMITED));
            }
        }
        return sync.finish(plan, results, source, destination, options, state);
    }

    void assertExactCopy(FolderPair pair) throws MessagingException {
        List<TestMailbox.Stored> src = TestMailbox.read(source, pair.source());
        List<TestMailbox.Stored> dst = TestMailbox.read(destination, pair.destination());
        assertThat(TestMailbox.keys(dst)).as("raw SHA-256, flags, INTERNALDATE of every message")
                .isEqualTo(TestMailbox.keys(src));
    }

    /** Nine messages: the cases the reference tools get wrong. */
    void seedFixture(String folder) throws MessagingException {
        IMAPFolder f = folder(source, folder);
        TestMailbox.append(f, TestMailbox.message("Message-ID: <far@example.test>", "Date: Mon, 1 Jun 2020 10:00:00 +0200",
                "Subject: arrival date far from Date", "", "body"), FAR_PAST, "\\Seen");
        TestMailbox.append(f, plain(2, "keywords"), FAR_PAST.plusSeconds(60), "\\Flagged", "$Label1", "Projekt-X");
        TestMailbox.append(f, plain(3, "deleted, not expunged"), FAR_PAST.plusSeconds(120), "\\Deleted", "\\Seen");
        TestMailbox.append(f, TestMailbox.message("Subject: draft without Message-ID", "", "draft"),
                Instant.parse("2024-12-24T18:00:00Z"), "\\Draft");
        TestMailbox.append(f, duplicate(), FAR_PAST);
        TestMailbox.append(f, duplicate(), FAR_PAST);
        TestMailbox.append(f, TestMailbox.message("Message-ID: <shared@example.test>", "Subject: first", "", "one"),
                FAR_PAST, "\\Answered");
        TestMailbox.append(f, TestMailbox.message("Message-ID: <shared@example.test>", "Subject: second", "", "two!"),
                FAR_PAST);
        TestMailbox.append(f, TestMailbox.message("From: \"Jürgen\" <j@example.test>", "Message-ID: <utf8@example.test>",
                "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=", "Content-Type: text/plain; charset=UTF-8", "", "Grüße ✓"),
                FAR_PAST.plusSeconds(3600), "$Custom_Flag");
    }

    static byte[] duplicate() {
        return TestMailbox.message("Message-ID: <dup@example.test>", "Date: Tue, 2 Jun 2020 10:00:00 +0000",
                "Subject: byte-identical duplicate", "", "same bytes");
    }

    static byte[] plain(int i, String subject) {
        return TestMailbox.message("Message-ID: <m" + i + "." + subject.hashCode() + "@example.test>",
                "Subject: " + subject + " " + i, "", "message " + i);
    }

    /** A message of about {@code size} bytes (base64-like lines, CRLF). */
    static byte[] bigMessage(int size) {
        StringBuilder sb = new StringBuilder(size + 200);
        sb.append("Message-ID: <big").append(size).append("@example.test>\r\nSubject: big\r\n")
                .append("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        char[] line = new char[76];
        int n = 0;
        while (sb.length() < size) {
            for (int i = 0; i < line.length; i++) line[i] = (char) ('A' + (n + i) % 26);
            sb.append(line).append("\r\n");
            n++;
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A SyncState that dies (throws) right after the n-th APPEND's tagged OK, before it is recorded. */
    static class CrashAfterAppend implements SyncState {
        private final SyncState delegate;
        private final int dieAt;
        private final AtomicInteger appends = new AtomicInteger();

        CrashAfterAppend(SyncState delegate, int dieAt) {
            this.delegate = delegate;
            this.dieAt = dieAt;
        }

        @Override
        public Optional<FolderState> folder(String sourceFolder) {
            return delegate.folder(sourceFolder);
        }

        @Override
        public FolderState open(String s, String d, long su, long du) {
            return delegate.open(s, d, su, du);
        }

        @Override
        public void passCompleted(long id, long modSeq, long uidNext, long count) {
            delegate.passCompleted(id, modSeq, uidNext, count);
        }

        @Override
        public Map<Long, Long> copied(long id) {
            return delegate.copied(id);
        }

        @Override
        public long beginAppend(long id, long uidNext, List<PendingMessage> messages) {
            return delegate.beginAppend(id, uidNext, messages);
        }

        @Override
        public void appended(long id, long batch, Map<Long, Long> map) {
            if (appends.incrementAndGet() == dieAt) throw new IllegalStateException("simulated crash");
            delegate.appended(id, batch, map);
        }

        @Override
        public void abandoned(long id, long batch) {
            delegate.abandoned(id, batch);
        }

        @Override
        public List<PendingAppend> pending(long id) {
            return delegate.pending(id);
        }

        @Override
        public void removed(long id, Collection<Long> uids) {
            delegate.removed(id, uids);
        }
    }

}
