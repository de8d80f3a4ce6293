package org.vaultmail.mail.internal;

import java.io.IOException;
import java.io.InputStream;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;

/**
 * A message's source read in chunks by UID ({@code UID FETCH uid BODY.PEEK[]<start.size>}), for the caller to
 * stream while it holds the connection. Angus's own message stream fetches by sequence number, which names another
 * message when a second connection of the same user expunged one in between and this connection has not heard of it
 * yet (seen with GreenMail: a draft replaced by a parallel upload made another draft's source end short). A UID
 * names one message for good: if it is expunged while being read, the read fails instead of going on with another.
 */
final class UidSourceStream extends InputStream {

    /**
     * A little larger than Angus's own partial fetches (16 KB), small enough that a 25 MB draft read by several
     * requests at once stays in the young generation (1 MB chunks filled a 512 MB heap in UploadsUnderSmallHeapTest).
     */
    static final int CHUNK = 64 * 1024;

    private final IMAPFolder folder;
    private final long uid;
    private byte[] buffer;
    private int position;
    private long next;

    private UidSourceStream(IMAPFolder folder, long uid, byte[] first) {
        this.folder = folder;
        this.uid = uid;
        this.buffer = first;
        this.next = first.length;
    }

    /** The stream of the message with this UID; null when the folder has no such message. */
    static @Nullable UidSourceStream open(IMAPFolder folder, long uid) throws MessagingException {
        byte[] first = (byte[]) folder.doCommand(p -> UidFetches.chunk(p, uid, 0, CHUNK));
        return first == null ? null : new UidSourceStream(folder, uid, first);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) return -1;
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, into, offset, n);
        position += n;
        return n;
    }

    /** Whether bytes are available, fetching the next chunk when the last one was full. */
    private boolean fill() throws IOException {
        if (position < buffer.length) return true;
        if (buffer.length < CHUNK) return false; // the last chunk came short: the message's end
        byte[] more;
        try {
            long start = next;
            more = (byte[]) folder.doCommand(p -> UidFetches.chunk(p, uid, start, CHUNK));
        } catch (MessagingException e) {
            throw new IOException("reading message " + uid + " failed: " + e.getMessage(), e);
        }
        if (more == null) throw new IOException("message " + uid + " was removed while it was being read");
        buffer = more;
        position = 0;
        next += more.length;
        return more.length > 0;
    }
}
