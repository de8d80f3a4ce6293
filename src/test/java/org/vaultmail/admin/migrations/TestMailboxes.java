package org.vaultmail.admin.migrations;

import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Seeds, counts and empties this helper's accounts on the shared Dovecot servers (plain IMAP on loopback). */
final class TestMailboxes {

    static final int MAIN = 1143;
    static final int SECOND = 2143;

    private TestMailboxes() {
    }

    static Store connect(int port, String address) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port, address, address.substring(0, address.indexOf('@')) + "-pass");
        return store;
    }

    /** Appends {@code n} small messages to {@code folder} (the server's own full name), created if missing. */
    static void seed(int port, String address, String folder, int n) throws MessagingException {
        try (Store store = connect(port, address)) {
            Folder f = store.getFolder(folder);
            if (!f.exists()) f.create(Folder.HOLDS_MESSAGES);
            Message[] messages = new Message[n];
            for (int i = 0; i < n; i++) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
                m.setFrom(new InternetAddress("seed@example.test"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
                m.setSubject("cli migration test " + folder + " " + i);
                m.setText("message " + i + " of " + n + " in " + folder + "\r\n");
                m.saveChanges();
                messages[i] = m;
            }
            f.appendMessages(messages);
        }
    }

    /** Messages in every selectable folder, INBOX included. */
    static int count(int port, String address) throws MessagingException {
        try (Store store = connect(port, address)) {
            int n = 0;
            for (Folder f : store.getDefaultFolder().list("*")) {
                if ((f.getType() & Folder.HOLDS_MESSAGES) != 0) n += f.getMessageCount();
            }
            return n + (containsInbox(store) ? 0 : store.getFolder("INBOX").getMessageCount());
        }
    }

    private static boolean containsInbox(Store store) throws MessagingException {
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (f.getFullName().equalsIgnoreCase("INBOX")) return true;
        }
        return false;
    }

    /** Deletes every folder but INBOX (deepest first) and expunges INBOX: leaves the account empty for others. */
    static void empty(int port, String address) throws MessagingException {
        try (Store store = connect(port, address)) {
            Folder[] all = store.getDefaultFolder().list("*");
            java.util.Arrays.sort(all, java.util.Comparator.comparing((Folder f) -> f.getFullName().length()).reversed());
            for (Folder f : all) {
                if (f.getFullName().equalsIgnoreCase("INBOX")) continue;
                if (f.exists()) f.delete(true);
            }
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] messages = inbox.getMessages();
            if (messages.length > 0) inbox.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
            inbox.close(true);
        }
    }
}
