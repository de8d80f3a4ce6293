package org.vaultmail.migrate;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.function.UnaryOperator;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/** Ways to damage a correct copy, one message at a time, for the verifier's tests. Messages are addressed by position. */
final class FixtureDamage {

    private final IMAPStore store;

    FixtureDamage(IMAPStore store) {
        this.store = store;
    }

    /** Replaces the message with one whose raw bytes are {@code change}d; flags and INTERNALDATE kept. */
    void rewrite(String folder, int index, UnaryOperator<byte[]> change) throws Exception {
        replace(folder, index, change, null);
    }

    void redate(String folder, int index, Instant internalDate) throws Exception {
        replace(folder, index, UnaryOperator.identity(), internalDate);
    }

    void removeFlag(String folder, int index, Flags flags) throws MessagingException {
        IMAPFolder f = open(folder);
        try {
            f.getMessage(index + 1).setFlags(flags, false);
        } finally {
            f.close(false);
        }
    }

    void delete(String folder, int index) throws MessagingException {
        IMAPFolder f = open(folder);
        try {
            f.getMessage(index + 1).setFlag(Flags.Flag.DELETED, true);
            f.expunge(new Message[] {f.getMessage(index + 1)});
        } finally {
            f.close(false);
        }
    }

    /** Appends a second copy: same bytes, flags and INTERNALDATE. */
    void duplicate(String folder, int index) throws Exception {
        IMAPFolder f = open(folder);
        RawMessage copy;
        try {
            IMAPMessage m = (IMAPMessage) f.getMessage(index + 1);
            copy = new RawMessage(raw(m), flagsWithoutRecent(m), m.getReceivedDate());
        } finally {
            f.close(false);
        }
        f.appendMessages(new Message[] {copy});
    }

    static byte[] changeOneByte(byte[] raw) {
        byte[] out = Arrays.copyOf(raw, raw.length);
        int at = out.length - 3; // in the body, before the final CRLF
        out[at] = (byte) (out[at] == 'x' ? 'y' : 'x');
        return out;
    }

    /** What mbsync adds to every message it copies. */
    static byte[] addTuid(byte[] raw) {
        byte[] header = "X-TUID: 7Hq2bTz0xLPk\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + raw.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(raw, 0, out, header.length, raw.length);
        return out;
    }

    private void replace(String folder, int index, UnaryOperator<byte[]> change, Instant date) throws Exception {
        IMAPFolder f = open(folder);
        RawMessage replacement;
        try {
            IMAPMessage m = (IMAPMessage) f.getMessage(index + 1);
            replacement = new RawMessage(change.apply(raw(m)), flagsWithoutRecent(m),
                    date == null ? m.getReceivedDate() : Date.from(date));
            m.setFlag(Flags.Flag.DELETED, true);
            f.expunge(new Message[] {m});
        } finally {
            f.close(false);
        }
        f.appendMessages(new Message[] {replacement});
    }

    private IMAPFolder open(String folder) throws MessagingException {
        IMAPFolder f = (IMAPFolder) store.getFolder(folder);
        f.open(Folder.READ_WRITE);
        return f;
    }

    private static byte[] raw(IMAPMessage m) throws Exception {
        m.setPeek(true);
        try (InputStream in = m.getMimeStream()) {
            return in.readAllBytes();
        }
    }

    private static Flags flagsWithoutRecent(Message m) throws MessagingException {
        Flags flags = m.getFlags();
        flags.remove(Flags.Flag.RECENT);
        return flags;
    }
}
