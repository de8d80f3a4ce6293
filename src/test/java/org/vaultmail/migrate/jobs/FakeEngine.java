package org.vaultmail.migrate.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.vaultmail.mail.MailLogins;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.engine.CopyProgress;
import org.vaultmail.migrate.engine.ImapAccount;
import org.vaultmail.migrate.engine.JobInterrupted;
import org.vaultmail.migrate.engine.MigrationEngine;
import org.vaultmail.migrate.engine.MigrationFailure;
import org.vaultmail.migrate.engine.RunControl;
import org.vaultmail.migrate.engine.SyncState;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * A test double of the engine: copies the source INBOX into the destination INBOX one message at a time with Angus
 * (through the same {@link MailLogins} the jobs use), recording each APPEND in the sync state, checking the run's
 * control per message. Knobs for the tests: a delay per message, a failure to throw, and what ran at once.
 */
final class FakeEngine implements MigrationEngine {

    static volatile Duration delay = Duration.ZERO;
    static volatile @Nullable MigrationFailure failure;
    /** {@code includeFolders[0]} of each run's options (tests mark their jobs with it), in run order. */
    static final List<String> runs = java.util.Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger concurrent = new AtomicInteger();
    static final AtomicInteger maxConcurrent = new AtomicInteger();
    static final Set<String> active = ConcurrentHashMap.newKeySet();
    static final AtomicInteger overlaps = new AtomicInteger();
    /** Tests marked "nomail" do not touch IMAP: they only wait {@link #delay} per step for 10 steps. */
    static final String NO_MAIL = "nomail";

    private final MailLogins logins;

    FakeEngine(MailLogins logins) {
        this.logins = logins;
    }

    static void reset() {
        delay = Duration.ZERO;
        failure = null;
        runs.clear();
        concurrent.set(0);
        maxConcurrent.set(0);
        active.clear();
        overlaps.set(0);
    }

    /** Registers the double as the context's engine (primary: a real engine bean may exist too). */
    static class Config {
        @Bean
        @Primary
        MigrationEngine fakeMigrationEngine(MailLogins logins) {
            return new FakeEngine(logins);
        }
    }

    @Override
    public MigrationReport run(ImapAccount source, ImapAccount destination, MigrationOptions options, SyncState state,
                               CopyProgress progress, RunControl control)
            throws MigrationFailure, JobInterrupted, InterruptedException {
        String mark = options.includeFolders().isEmpty() ? "" : options.includeFolders().getFirst();
        runs.add(mark);
        if (!active.add(mark) && !mark.isEmpty()) overlaps.incrementAndGet();
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
            MigrationFailure f = failure;
            if (f != null) throw f;
            if (mark.startsWith(NO_MAIL)) {
                for (int i = 0; i < 10; i++) {
                    control.checkpoint();
                    Thread.sleep(delay); // the fake engine's work per step, so a job can be paused or cancelled mid-way
                }
                return MigrationReport.of(List.of());
            }
            return copyInbox(source, destination, state, progress, control);
        } finally {
            concurrent.decrementAndGet();
            active.remove(mark);
        }
    }

    private MigrationReport copyInbox(ImapAccount source, ImapAccount destination, SyncState state, CopyProgress progress,
                                      RunControl control) throws MigrationFailure, JobInterrupted, InterruptedException {
        try (Store s = open(source, true); Store d = open(destination, false)) {
            IMAPFolder in = (IMAPFolder) s.getFolder("INBOX");
            in.open(Folder.READ_ONLY);
            IMAPFolder out = (IMAPFolder) d.getFolder("INBOX");
            out.open(Folder.READ_WRITE);
            SyncState.FolderState fs = state.open("INBOX", "INBOX", in.getUIDValidity(), out.getUIDValidity());
            Map<Long, Long> copied = state.copied(fs.id());
            FolderPair pair = new FolderPair("INBOX", "INBOX", null, true, false, true);
            Message[] all = in.getMessages();
            FetchProfile fp = new FetchProfile();
            fp.add(UIDFolder.FetchProfileItem.UID);
            fp.add(FetchProfile.Item.SIZE);
            in.fetch(all, fp);
            List<Message> todo = new ArrayList<>();
            long bytes = 0;
            for (Message m : all) {
                bytes += m.getSize();
                if (!copied.containsKey(in.getUID(m))) todo.add(m);
            }
            progress.planned(pair, all.length, bytes, todo.size(), 0);
            progress.present(pair, all.length - todo.size());
            long done = 0;
            long doneBytes = 0;
            for (Message m : todo) {
                control.checkpoint();
                control.pace(1, m.getSize());
                Thread.sleep(delay); // the fake engine's work per message, so a job can be paused or cancelled mid-way
                long uid = in.getUID(m);
                long batch = state.beginAppend(fs.id(), out.getUIDNext(),
                        List.of(new SyncState.PendingMessage(uid, m.getSize(), "fp-" + uid)));
                AppendUID[] result = out.appendUIDMessages(new Message[] {new MimeMessage((MimeMessage) m)});
                state.appended(fs.id(), batch, Map.of(uid, result[0] == null ? 0L : result[0].uid));
                progress.copied(pair, 1, m.getSize());
                done++;
                doneBytes += m.getSize();
            }
            state.passCompleted(fs.id(), 0, in.getUIDNext(), all.length);
            FolderReport report = new FolderReport("INBOX", "INBOX", all.length, out.getMessageCount(), done,
                    all.length - todo.size(), 0, 0, 0, 0, doneBytes);
            progress.folderDone(report);
            return MigrationReport.of(List.of(report));
        } catch (AuthenticationFailedException e) {
            throw new MigrationFailure(MigrationFailure.Kind.AUTHENTICATION, true, "login refused");
        } catch (MessagingException e) {
            throw new MigrationFailure(MigrationFailure.Kind.UNREACHABLE, true, "connection failed");
        }
    }

    private Store open(ImapAccount account, boolean source) throws MessagingException {
        return logins.openImap(account.servers(), account.username(), account.password());
    }
}
