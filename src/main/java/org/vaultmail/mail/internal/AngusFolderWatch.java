package org.vaultmail.mail.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vaultmail.account.MailServers;
import org.vaultmail.mail.CredentialSource;
import org.vaultmail.mail.MailPushProperties;
import org.vaultmail.mail.MailWatch;
import org.vaultmail.mail.WatchListener;
import org.vaultmail.mail.WatchListener.End;
import org.vaultmail.mail.WatchListener.FolderCounts;

/**
 * One watch: connect, EXAMINE the folder, then IDLE in rounds (or poll) and after each round compare UIDs and
 * counts with what was last reported. A dropped connection is reopened with exponential backoff.
 *
 * <p>Why this is long: one watch's thread: IDLE rounds, the polling fallback, wake-ups and reconnects all act on the
 * same open folder and its last counts.
 */
final class AngusFolderWatch implements MailWatch, Runnable {

    private static final Logger log = LoggerFactory.getLogger(AngusFolderWatch.class);

    private final AngusFolderWatcher owner;
    private final MailServers servers;
    private final String address;
    private final CredentialSource credentials;
    private final String path;
    private final WatchListener listener;
    private final MailPushProperties settings;
    private volatile boolean open = true;
    private volatile @Nullable IMAPFolder selected;
    private @Nullable Thread thread;
    /** Set by Angus's event thread on expunges and flag changes; read and cleared after each round. */
    private final AtomicBoolean touched = new AtomicBoolean();
    private final Object sleeper = new Object();
    /** In IDLE (only then does a wake-up need a command on the folder to make Angus send DONE). */
    private volatile boolean idling;

    private long lastUid;
    private long uidValidity;
    /** The message count last reported, read by Angus's event thread. */
    private volatile int reportedTotal;
    private @Nullable FolderCounts sentCounts;
    private @Nullable FolderCounts sentInbox;

    AngusFolderWatch(AngusFolderWatcher owner, MailServers servers, String address, CredentialSource credentials,
                     String path, WatchListener listener) {
        this.owner = owner;
        this.servers = servers;
        this.address = address;
        this.credentials = credentials;
        this.path = path.equalsIgnoreCase("INBOX") ? "INBOX" : path;
        this.listener = listener;
        this.settings = owner.settings();
    }

    void start() {
        thread = Thread.ofVirtual().name("vaultmail-watch").start(this);
    }

    @Override
    public String folder() {
        return path;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) return;
        open = false;
        wake();
        // a server that does not answer DONE: interrupting a virtual thread blocked on a socket closes it
        Thread t = thread;
        if (t != null) owner.timer().schedule(() -> {
            if (t.isAlive()) t.interrupt();
        }, 5, TimeUnit.SECONDS);
    }

    @Override
    public void run() {
        End end = null;
        Duration backoff = settings.reconnectMin();
        try {
            while (open && end == null) {
                IMAPStore store = null;
                try {
                    store = owner.connect(servers, address, credentials);
                    IMAPFolder folder = (IMAPFolder) store.getFolder(path);
                    folder.addMessageCountListener(new MessageCountAdapter() {
                        @Override
                        public void messagesRemoved(MessageCountEvent e) {
                            touched.set(true);
                        }
                    });
                    // flags of messages not yet reported (Dovecot sends \Recent with new mail) are no change
                    folder.addMessageChangedListener(e -> {
                        if (e.getMessage().getMessageNumber() <= reportedTotal) touched.set(true);
                    });
                    folder.open(Folder.READ_ONLY); // EXAMINE: watching never changes \Recent or flags
                    selected = folder;
                    backoff = settings.reconnectMin();
                    watch(store, folder);
                } catch (FolderNotFoundException e) {
                    end = End.NO_SUCH_FOLDER;
                } catch (AngusFolderWatcher.AccessLost e) {
                    end = End.ACCESS_LOST;
                } catch (MessagingException | RuntimeException e) {
                    if (!open) break;
                    log.info("Mail watch of {} lost its connection ({}); reconnecting in {}", path,
                            e.getClass().getSimpleName(), backoff);
                    sleep(backoff);
                    backoff = AngusFolderWatcher.min(backoff.multipliedBy(2), settings.reconnectMax());
                } finally {
                    selected = null;
                    closeQuietly(store);
                }
            }
        } finally {
            open = false;
            owner.finished(this);
        }
        if (end != null) listener.ended(end);
    }

    /** Reports the starting state, then one round after another until closed. */
    private void watch(IMAPStore store, IMAPFolder folder) throws MessagingException {
        long next = folder.getUIDNext();
        long newest = next > 0 ? next - 1 : newestUid(folder);
        long validity = folder.getUIDValidity();
        if (sentCounts == null || validity != uidValidity || newest < lastUid) {
            // first connection, or the folder was recreated (new UIDVALIDITY): UIDs start over
            boolean recreated = sentCounts != null;
            lastUid = newest;
            uidValidity = validity;
            sendCounts(folder);
            if (recreated) listener.changed(path);
        } else {
            report(folder); // reconnected: report what arrived meanwhile
        }
        // asked on the folder's connection: a store-level command would open a second connection
        boolean idle = settings.useIdle() && (Boolean) folder.doCommand(p -> p.hasCapability("IDLE"));
        while (open) {
            if (idle) idleRound(folder);
            else poll(folder);
            if (!open) return;
            report(folder);
        }
    }

    private void idleRound(IMAPFolder folder) throws MessagingException {
        ScheduledFuture<?> end = owner.timer().schedule(this::wake, settings.idleRound().toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (!open) return; // closed meanwhile: its wake-up may have come before this IDLE
            idling = true;
            if (!open) return;
            folder.idle(true); // returns after the first change the server reports, or when woken
        } finally {
            idling = false;
            end.cancel(false);
        }
    }

    private void poll(IMAPFolder folder) throws MessagingException {
        sleep(settings.pollInterval());
        if (!open) return;
        folder.doCommand(p -> {
            p.noop(); // the server reports EXISTS, EXPUNGE and FETCH (flags) in reply
            return null;
        });
    }

    /** Compares the folder with what was last reported and tells the listener the difference. */
    private void report(IMAPFolder folder) throws MessagingException {
        List<Long> added = new ArrayList<>();
        for (Message m : folder.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID)) {
            if (m == null || m.isExpunged()) continue;
            long uid = folder.getUID(m);
            if (uid > lastUid) added.add(uid);
        }
        added.sort(null);
        FolderCounts before = sentCounts;
        if (!added.isEmpty()) {
            lastUid = added.getLast();
            listener.newMessages(path, List.copyOf(added));
        }
        FolderCounts now = sendCounts(folder);
        boolean expunged = before != null && now.total() < before.total() + added.size();
        boolean flagsOnly = before != null && added.isEmpty() && now.unread() != before.unread();
        if (touched.getAndSet(false) || expunged || flagsOnly) listener.changed(path);
    }

    /** Sends the folder's counts (and INBOX's, when another folder is watched) where they changed. */
    private FolderCounts sendCounts(IMAPFolder folder) throws MessagingException {
        FolderCounts counts = new FolderCounts(path, folder.getMessageCount(), folder.getUnreadMessageCount());
        if (!counts.equals(sentCounts)) listener.counts(counts);
        sentCounts = counts;
        reportedTotal = counts.total();
        if (!path.equals("INBOX")) {
            // STATUS on this connection: a closed Angus folder would open a second connection for it
            Status status = (Status) folder.doCommand(p -> p.status("INBOX", new String[] {"MESSAGES", "UNSEEN"}));
            FolderCounts inbox = new FolderCounts("INBOX", status.total, status.unseen);
            if (!inbox.equals(sentInbox)) listener.counts(inbox);
            sentInbox = inbox;
        }
        return counts;
    }

    private static long newestUid(IMAPFolder folder) throws MessagingException {
        int total = folder.getMessageCount();
        return total == 0 ? 0 : folder.getUID(folder.getMessage(total));
    }

    /**
     * Ends a running IDLE (Angus sends DONE when another thread uses the folder), on a thread of its own since
     * that waits for the server's reply; and ends a sleep between polls or reconnects.
     */
    private void wake() {
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        IMAPFolder folder = selected;
        // outside IDLE there is nothing to interrupt; a command on a folder the watch thread is closing meanwhile
        // would make Angus log in again on a new connection that nobody closes (seen in the polling contract)
        if (folder == null || !idling) return;
        Thread.ofVirtual().start(() -> {
            try {
                folder.doCommand(p -> null);
            } catch (MessagingException | RuntimeException e) {
                // the watch thread sees the connection's state itself
            }
        });
    }

    /** Waits, unless closed meanwhile. */
    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        synchronized (sleeper) {
            try {
                for (long left = duration.toMillis(); open && left > 0; left = (until - System.nanoTime()) / 1_000_000) {
                    sleeper.wait(left);
                }
            } catch (InterruptedException e) {
                // close() gave up waiting: the loop checks open
            }
        }
    }

    private static void closeQuietly(@Nullable IMAPStore store) {
        if (store == null) return;
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // gone either way
        }
    }
}
