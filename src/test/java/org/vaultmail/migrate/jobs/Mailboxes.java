package org.vaultmail.migrate.jobs;

import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Seeds and empties the test accounts' INBOX on the shared Dovecot servers (plain IMAP on loopback). */
final class Mailboxes {

    static final int MAIN = 1143;
    static final int SECOND = 2143;

    private Mailboxes() {
    }

    static Store connect(int port, String address) throws MessagingException {
        Properties props = new Properties();
        props.setProperty("mail.imap.connectiontimeout", "5000");
        props.setProperty("mail.imap.timeout", "15000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port, address, password(address));
        return store;
    }

    static String password(String address) {
        return address.substring(0, address.indexOf('@')) + "-pass";
    }

    /** Appends {@code n} small messages to INBOX. */
    static void seed(int port, String address, int n) throws MessagingException {
        try (Store store = connect(port, address)) {
            Folder inbox = store.getFolder("INBOX");
            Message[] messages = new Message[n];
            for (int i = 0; i < n; i++) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
                m.setFrom(new InternetAddress("seed@example.test"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
                m.setSubject("migration job test " + i);
                m.setText("message " + i + " of " + n + "\r\n");
                m.saveChanges();
                messages[i] = m;
            }
            inbox.appendMessages(messages);
        }
    }

    /**
     * Appends {@code n} small messages to INBOX with flags and keywords that vary per message ({@code \Seen},
     * {@code \Flagged}, {@code \Answered}, {@code $Label1}, {@code Kill_Custom}) and INTERNALDATEs years before
     * their Date headers, so a copy that loses a flag or an arrival date shows in the verifier.
     */
    static void seedVaried(int port, String address, int n) throws MessagingException {
        java.time.Instant base = java.time.Instant.parse("2019-03-01T08:00:00Z");
        try (Store store = connect(port, address)) {
            Folder inbox = store.getFolder("INBOX");
            Message[] messages = new Message[n];
            for (int i = 0; i < n; i++) {
                java.util.Date arrived = java.util.Date.from(base.plusSeconds(3_600L * i + 7));
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties())) {
                    @Override
                    public java.util.Date getReceivedDate() {
                        return arrived; // APPEND's INTERNALDATE
                    }
                };
                m.setFrom(new InternetAddress("seed@example.test"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
                m.setSubject("migration job test " + i);
                m.setText("message " + i + " of " + n + "\r\n");
                m.saveChanges();
                Flags flags = new Flags();
                if (i % 3 == 0) flags.add(Flags.Flag.SEEN);
                if (i % 5 == 0) flags.add(Flags.Flag.FLAGGED);
                if (i % 4 == 1) flags.add(Flags.Flag.ANSWERED);
                if (i % 7 == 0) flags.add("$Label1");
                if (i % 11 == 0) flags.add("Kill_Custom");
                m.setFlags(flags, true);
                messages[i] = m;
            }
            inbox.appendMessages(messages);
        }
    }

    static int count(int port, String address) throws MessagingException {
        try (Store store = connect(port, address)) {
            return store.getFolder("INBOX").getMessageCount();
        }
    }

    /** Deletes and expunges everything in INBOX (other helpers use other accounts; this leaves ours empty). */
    static void empty(int port, String address) throws MessagingException {
        try (Store store = connect(port, address)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message[] all = inbox.getMessages();
            if (all.length > 0) inbox.setFlags(all, new Flags(Flags.Flag.DELETED), true);
            inbox.close(true);
        }
    }
}
