package org.vaultmail.migrate.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * A Gmail-shaped mailbox on Dovecot (ADR 0046): {@code [Gmail]/All Mail}, {@code [Gmail]/Sent Mail},
 * {@code [Gmail]/Starred}, label folders, and the same message (byte for byte) in every folder Gmail would show it in.
 */
final class GmailMailbox {

    static final Set<String> DEFAULT_FOLDERS = Set.of("INBOX", "Drafts", "Sent", "Trash", "Junk");
    private static final Session SESSION = Session.getInstance(new Properties());

    /** Message id → the source folders it is in. */
    static final Map<String, List<String>> LAYOUT = Map.of(
            "m1-inbox-work", List.of("INBOX", "[Gmail]/All Mail", "Work"),
            "m2-receipts-work", List.of("[Gmail]/All Mail", "Work", "Receipts"),
            "m3-archived-unlabelled", List.of("[Gmail]/All Mail"),
            "m4-sent-work", List.of("[Gmail]/Sent Mail", "[Gmail]/All Mail", "Work"),
            "m5-inbox-starred", List.of("INBOX", "[Gmail]/All Mail", "[Gmail]/Starred"),
            "m6-projects", List.of("Work/Projects", "Work", "[Gmail]/All Mail"),
            "m7-trash", List.of("Trash"));

    private GmailMailbox() {
    }

    static void seed(IMAPStore store) throws MessagingException {
        Map<String, List<String>> byFolder = new java.util.TreeMap<>(); // parents before children
        LAYOUT.forEach((id, folders) -> folders.forEach(f -> byFolder.computeIfAbsent(f, k -> new ArrayList<>()).add(id)));
        for (var e : byFolder.entrySet()) {
            Folder f = store.getFolder(e.getKey());
            if (!f.exists()) f.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS);
            List<Message> messages = new ArrayList<>();
            for (String id : e.getValue().stream().sorted().toList()) messages.add(message(id));
            f.appendMessages(messages.toArray(Message[]::new));
        }
    }

    /** The same bytes wherever it is appended (Gmail shows one message in several folders). */
    static Message message(String id) throws MessagingException {
        String raw = "From: gmail-seed@example.test\r\nTo: oauth-gmail-src@example.test\r\nSubject: " + id
                + "\r\nMessage-ID: <" + id + "@gmail.example.test>\r\nDate: Mon, 1 Jun 2026 10:00:00 +0000\r\n\r\nbody of "
                + id + "\r\n";
        return new MimeMessage(SESSION, new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Deletes every folder but the defaults and empties those. */
    static void wipe(IMAPStore store) throws MessagingException {
        List<Folder> all = new ArrayList<>(List.of(store.getDefaultFolder().list("*")));
        all.sort(Comparator.comparingInt((Folder f) -> f.getFullName().length()).reversed());
        for (Folder f : all) {
            if (DEFAULT_FOLDERS.contains(f.getFullName())) {
                if (f.getMessageCount() == 0) continue;
                f.open(Folder.READ_WRITE);
                f.setFlags(1, f.getMessageCount(), new Flags(Flags.Flag.DELETED), true);
                f.close(true);
            } else if (f.exists()) {
                f.delete(true);
            }
        }
    }

    /** Message id (without brackets and domain) → the folders of {@code store} that hold a copy, duplicates kept. */
    static Map<String, List<String>> where(IMAPStore store) throws MessagingException {
        Map<String, List<String>> out = new HashMap<>();
        for (Folder f : store.getDefaultFolder().list("*")) {
            if ((f.getType() & Folder.HOLDS_MESSAGES) == 0) continue;
            try {
                f.open(Folder.READ_ONLY);
            } catch (MessagingException e) {
                continue; // a \Noselect parent
            }
            try {
                for (Message m : f.getMessages()) {
                    String[] h = m.getHeader("Message-ID");
                    String id = h == null ? "?" : h[0].replaceAll("[<>]", "").replace("@gmail.example.test", "");
                    out.computeIfAbsent(id, k -> new ArrayList<>()).add(f.getFullName());
                }
            } finally {
                f.close(false);
            }
        }
        return out;
    }
}
