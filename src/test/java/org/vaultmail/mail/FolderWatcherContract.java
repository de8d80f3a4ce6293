package org.vaultmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.SubjectTerm;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.WatchListener.End;
import org.vaultmail.mail.WatchListener.FolderCounts;
import org.vaultmail.testing.Await;
import org.vaultmail.vault.Secret;

/**
 * What every {@link FolderWatcher} must do, on a real server: mail delivered by SMTP is reported with its UID
 * within seconds, flag changes report new counts, INBOX counts come along when another folder is watched,
 * and closing a watch closes its connection.
 */
interface FolderWatcherContract {

    Duration WITHIN = Duration.ofSeconds(8);

    FolderWatcher watcher();

    MailServers servers();

    String address();

    String password();

    /** A separate connection as {@link #address()}, to look and change flags. */
    Store inspector();

    /** Delivers a message to {@link #address()}'s INBOX by SMTP. */
    void deliver(String subject) throws MessagingException;

    /** A folder of our own, created empty. */
    String newFolder() throws MessagingException;

    /** IMAP connections open to the server from anywhere, or -1 where that cannot be counted reliably. */
    int imapConnections();

    default MailWatch watch(String folder, Events events) {
        return watcher().watch(servers(), address(), () -> Secret.ofUtf8(password()), folder, events);
    }

    @Test
    default void newMailDeliveredBySmtpIsReportedWithItsUid() throws Exception {
        Events events = new Events();
        try (MailWatch _ = watch("INBOX", events)) {
            FolderCounts before = events.counts("INBOX", c -> true);
            String subject = "push-" + UUID.randomUUID();
            deliver(subject);

            long uid = awaitUid(subject);
            List<Long> reported = events.newUids("INBOX", uid);
            assertThat(reported).contains(uid);
            FolderCounts after = events.counts("INBOX", c -> c.total() > before.total());
            assertThat(after.unread()).isGreaterThan(before.unread());
        }
    }

    @Test
    default void markingAMessageSeenReportsTheNewUnreadCount() throws Exception {
        Events events = new Events();
        String subject = "push-seen-" + UUID.randomUUID();
        deliver(subject);
        long uid = awaitUid(subject);
        try (MailWatch _ = watch("INBOX", events)) {
            FolderCounts before = events.counts("INBOX", c -> true);
            Folder inbox = inspector().getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                ((UIDFolder) inbox).getMessageByUID(uid).setFlag(Flags.Flag.SEEN, true);
            } finally {
                inbox.close(false);
            }
            FolderCounts after = events.counts("INBOX", c -> c.unread() < before.unread());
            assertThat(after.unread()).isEqualTo(before.unread() - 1);
            events.await("changed INBOX", e -> e.type().equals("changed"));
        }
    }

    @Test
    default void watchingAnotherFolderAlsoReportsInboxCounts() throws Exception {
        String folder = newFolder();
        Events events = new Events();
        try (MailWatch watch = watch(folder, events)) {
            assertThat(watch.folder()).isEqualTo(folder);
            assertThat(events.counts(folder, c -> true)).isEqualTo(new FolderCounts(folder, 0, 0));
            assertThat(events.counts("INBOX", c -> true).total()).isPositive();
        }
    }

    @Test
    default void aMissingFolderEndsTheWatch() {
        Events events = new Events();
        MailWatch watch = watch("No-Such-Folder-" + UUID.randomUUID(), events);
        events.await("ended", e -> e.type().equals("ended") && e.payload() == End.NO_SUCH_FOLDER);
        assertThat(watch.isOpen()).isFalse();
    }

    @Test
    default void credentialsThatCannotBeHadEndTheWatch() {
        Events events = new Events();
        MailWatch watch = watcher().watch(servers(), address(), () -> {
            throw new IllegalStateException("session ended");
        }, "INBOX", events);
        events.await("ended", e -> e.type().equals("ended") && e.payload() == End.ACCESS_LOST);
        assertThat(watch.isOpen()).isFalse();
    }

    @Test
    default void closingAWatchEndsItWithoutAnEndedEvent() throws Exception {
        Events events = new Events();
        MailWatch watch = watch("INBOX", events);
        events.counts("INBOX", c -> true);
        watch.close();
        assertThat(watch.isOpen()).isFalse();
        Await.until("no active watch", WITHIN, () -> watcher().activeWatches() == 0);
        assertThat(events.all()).noneMatch(e -> e.type().equals("ended")); // close() is not an ending of its own
    }

    @Test
    default void closingAWatchClosesItsConnection() throws Exception {
        Assumptions.assumeTrue(imapConnections() >= 0,
                "this backend's IMAP connections cannot be counted (the server serves other test JVMs too)");
        Await.until("earlier tests' watches to end", WITHIN, () -> watcher().activeWatches() == 0);
        // connections of earlier tests may still open or close meanwhile (reconnect backoffs, server-side closes):
        // a quiet attempt must show exactly one more connection while the watch is open, and none after
        List<String> attempts = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            int before = stableConnections();
            Events events = new Events();
            MailWatch watch = watch("INBOX", events);
            events.counts("INBOX", c -> true);
            int open = stableConnections();
            watch.close();
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (imapConnections() > before && System.nanoTime() < deadline) Thread.sleep(20); // may settle lower: no Await
            int after = imapConnections();
            if (open == before + 1 && after == before) return;
            attempts.add("before " + before + ", open " + open + ", after " + after);
        }
        throw new AssertionError("a watch should hold exactly one connection and close it: " + attempts);
    }

    /** The IMAP connection count once it has not changed for half a second (or after {@code WITHIN}); -1 if unknown. */
    default int stableConnections() throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        int last = imapConnections();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50); // a count that stays put for a while, not a condition: no Await
            int now = imapConnections();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > 500_000_000L) {
                break;
            }
        }
        return last;
    }

    /** The UID of the message with this subject in INBOX, once it is there. */
    default long awaitUid(String subject) throws Exception {
        return Await.until("delivery of " + subject, WITHIN, () -> {
            Folder inbox = inspector().getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] found = inbox.search(new SubjectTerm(subject));
                return found.length > 0 ? ((UIDFolder) inbox).getUID(found[0]) : -1L;
            } finally {
                inbox.close(false);
            }
        }, uid -> uid >= 0);
    }

    /** One reported event. */
    record Event(String type, Object payload) {
    }

    /** Records what a watch reports, from its thread. */
    final class Events implements WatchListener {
        private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        private final List<Event> seen = new ArrayList<>();

        @Override
        public void counts(FolderCounts counts) {
            queue.add(new Event("counts", counts));
        }

        @Override
        public void newMessages(String folder, List<Long> uids) {
            queue.add(new Event("new", new NewMail(folder, uids)));
        }

        @Override
        public void changed(String folder) {
            queue.add(new Event("changed", folder));
        }

        @Override
        public void ended(End reason) {
            queue.add(new Event("ended", reason));
        }

        record NewMail(String folder, List<Long> uids) {
        }

        /** The first event (seen before or arriving within {@link #WITHIN}) that matches. */
        Event await(String what, Predicate<Event> match) {
            synchronized (seen) {
                for (Event e : seen) if (match.test(e)) return e;
            }
            long deadline = System.nanoTime() + WITHIN.toNanos();
            try {
                while (true) {
                    Event e = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (e == null) throw new AssertionError("no " + what + " within " + WITHIN + "; got " + all());
                    synchronized (seen) {
                        seen.add(e);
                    }
                    if (match.test(e)) return e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        FolderCounts counts(String path, Predicate<FolderCounts> match) {
            return (FolderCounts) await("counts of " + path, e -> e.payload() instanceof FolderCounts c
                    && c.path().equals(path) && match.test(c)).payload();
        }

        List<Long> newUids(String folder, long uid) {
            return ((NewMail) await("new " + uid + " in " + folder, e -> e.payload() instanceof NewMail n
                    && n.folder().equals(folder) && n.uids().contains(uid)).payload()).uids();
        }

        List<Event> all() {
            synchronized (seen) {
                List<Event> all = new ArrayList<>(seen);
                all.addAll(queue);
                return all;
            }
        }
    }
}
