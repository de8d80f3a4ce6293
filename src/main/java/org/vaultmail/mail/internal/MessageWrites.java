package org.vaultmail.mail.internal;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessageFlag;

/** Changing messages in place (flags, keywords) and adding new ones (APPEND). */
final class MessageWrites {

    private final Selection selection;

    MessageWrites(Selection selection) {
        this.selection = selection;
    }

    void setFlags(FolderPath path, List<Long> uids, Set<MessageFlag> flags, boolean value) throws MessagingException {
        IMAPFolder folder = selection.select(path);
        Message[] messages = Arrays.stream(folder.getMessagesByUID(uids.stream().mapToLong(Long::longValue).toArray()))
                .filter(Objects::nonNull).toArray(Message[]::new);
        if (messages.length > 0) folder.setFlags(messages, Envelopes.toFlags(flags), value);
    }

    /** The keyword, where the folder allows keywords at all (else nothing). */
    void addKeyword(FolderPath path, long uid, String keyword) throws MessagingException {
        IMAPFolder folder = selection.select(path);
        Message m = folder.getMessageByUID(uid);
        if (m == null) throw Failures.noMessage(uid, path);
        if (folder.getPermanentFlags().contains(Flags.Flag.USER)) m.setFlags(new Flags(keyword), true);
    }

    /** The new message's UID: from APPENDUID (UIDPLUS), else searched by Message-ID; -1 when neither tells. */
    long append(FolderPath path, InputStream message, Set<MessageFlag> flags) throws MessagingException {
        MimeMessage m = new MimeMessage((jakarta.mail.Session) null, message);
        m.setFlags(Envelopes.toFlags(flags), true);
        IMAPFolder folder = selection.unselected(path); // APPEND names its mailbox: on the store's connection, not a second one
        if (!folder.exists()) throw new MailStoreException(Reason.NOT_FOUND, "No folder " + path.asString());
        AppendUID[] uids = folder.appendUIDMessages(new Message[] {m});
        if (uids != null && uids.length == 1 && uids[0] != null) return uids[0].uid;
        String messageId = m.getMessageID();
        if (messageId == null) return -1;
        IMAPFolder selected = selection.select(path);
        Message[] found = selected.search(new HeaderTerm("Message-ID", messageId));
        long uid = -1;
        for (Message f : found) uid = Math.max(uid, selected.getUID(f));
        return uid;
    }
}
