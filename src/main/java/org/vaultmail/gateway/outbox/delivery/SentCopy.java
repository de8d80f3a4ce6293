package org.vaultmail.gateway.outbox.delivery;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;

/**
 * Appends the sent message to the mailbox's Sent folder (RFC 6154 {@code \Sent}, else a well-known name, as the mail
 * feature finds it), flagged \Seen. Fails with a {@link MessagingException}; the caller only notes it (a missing copy
 * never makes a sent message failed).
 */
final class SentCopy {

    /** Only to parse the copy; one for all (Session.getInstance scans the class path for providers each time). */
    private static final Session PARSING = Session.getInstance(new Properties());

    private static final Set<String> NAMES = Set.of("sent", "sent items", "sent messages", "inbox.sent");

    private SentCopy() {
    }

    static String append(Store store, byte[] mime) throws MessagingException {
        Folder sent = find(store);
        if (sent == null) throw new MessagingException("no Sent folder");
        MimeMessage copy = new MimeMessage(PARSING, new ByteArrayInputStream(mime));
        copy.setFlag(Flags.Flag.SEEN, true);
        sent.appendMessages(new Message[] {copy});
        return sent.getFullName();
    }

    private static @Nullable Folder find(Store store) throws MessagingException {
        Folder byName = null;
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (f instanceof IMAPFolder imap) {
                for (String a : imap.getAttributes()) if (a.equalsIgnoreCase("\\Sent")) return f;
            }
            if (byName == null && NAMES.contains(f.getFullName().toLowerCase(Locale.ROOT))) byName = f;
        }
        return byName;
    }
}
