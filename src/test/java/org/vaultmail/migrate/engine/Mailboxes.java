package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/** Seeding, reading and resetting the test accounts' mailboxes over IMAP. */
final class Mailboxes {

    private static final Session SESSION = Session.getInstance(new Properties());

    private Mailboxes() {
    }

    /** The folders and subscriptions an account has now, to return it to with {@link #reset}. */
    record Snapshot(Set<String> folders, Set<String> subscribed) {
    }

    static Snapshot snapshot(IMAPStore store) throws MessagingException {
        Set<String> folders = new HashSet<>();
        for (Folder f : store.getDefaultFolder().list("*")) folders.add(f.getFullName());
        Set<String> subscribed = new HashSet<>();
        for (Folder f : store.getDefaultFolder().listSubscribed("*")) subscribed.add(f.getFullName());
        return new Snapshot(folders, subscribed);
    }

    /** Deletes folders made since the snapshot, drops new subscriptions, and empties the folders that stay. */
    static void reset(IMAPStore store, Snapshot snapshot) throws MessagingException {
        for (Folder f : store.getDefaultFolder().listSubscribed("*")) {
            if (!snapshot.subscribed().contains(f.getFullName())) f.setSubscribed(false);
        }
        List<Folder> all = new ArrayList<>(List.of(store.getDefaultFolder().list("*")));
        all.sort(Comparator.comparingInt((Folder f) -> f.getFullName().length()).reversed()); // children first
        for (Folder f : all) {
            if (snapshot.folders().contains(f.getFullName())) {
                empty(f);
            } else if (f.exists()) {
                f.delete(true);
            }
        }
    }

    private static void empty(Folder f) throws MessagingException {
        if ((f.getType() & Folder.HOLDS_MESSAGES) == 0 || f.getMessageCount() == 0) return;
        f.open(Folder.READ_WRITE);
        try {
            f.setFlags(1, f.getMessageCount(), new Flags(Flags.Flag.DELETED), true);
        } finally {
            f.close(true);
        }
    }

    /** Creates {@code folder} if missing (subscribed when asked) and appends {@code n} small messages with unique ids. */
    static void seed(IMAPStore store, String folder, int n, String tag, boolean subscribe) throws MessagingException {
        Folder f = store.getFolder(folder);
        if (!f.exists()) f.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS);
        if (subscribe) f.setSubscribed(true);
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MimeMessage m = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() {
                    // keep the id set below
                }
            };
            m.setFrom(new InternetAddress("seed@example.test"));
            m.setRecipients(Message.RecipientType.TO, "mig-run-src@example.test");
            m.setSubject("message " + i + " of " + folder);
            m.setText("body of message " + i + " in " + folder + "\r\n" + "x".repeat(200 + i % 50) + "\r\n");
            m.setHeader("Message-ID", "<" + tag + "-" + folder.hashCode() + "-" + i + "@seed.example.test>");
            if (i % 3 == 0) m.setFlag(Flags.Flag.SEEN, true);
            batch.add(m);
            if (batch.size() == 100 || i == n - 1) {
                f.appendMessages(batch.toArray(Message[]::new));
                batch.clear();
            }
        }
    }

    /** Every Message-ID in the folder, duplicates kept, sorted. */
    static List<String> messageIds(IMAPStore store, String folder) throws MessagingException {
        Folder f = store.getFolder(folder);
        if (!f.exists()) return List.of();
        f.open(Folder.READ_ONLY);
        try {
            Message[] all = f.getMessages();
            FetchProfile fp = new FetchProfile();
            fp.add("Message-ID");
            f.fetch(all, fp);
            List<String> ids = new ArrayList<>();
            for (Message m : all) ids.add(m.getHeader("Message-ID")[0]);
            ids.sort(null);
            return ids;
        } finally {
            f.close(false);
        }
    }

    static boolean subscribed(IMAPStore store, String folder) throws MessagingException {
        for (Folder f : store.getDefaultFolder().listSubscribed("*")) if (f.getFullName().equals(folder)) return true;
        return false;
    }
}
