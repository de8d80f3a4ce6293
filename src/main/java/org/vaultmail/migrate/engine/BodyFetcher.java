package org.vaultmail.migrate.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Fetches message bodies with BODY.PEEK[] from an open folder: small ones many per UID FETCH, a big one in partial
 * chunks ({@code BODY.PEEK[]<offset.length>}) into an owner-only spool file; and SHA-256 of bodies for deciding
 * ambiguous fingerprints.
 */
final class BodyFetcher {

    private final FolderSyncSettings settings;
    private final SyncCounters counters;

    BodyFetcher(FolderSyncSettings settings, SyncCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    /** One batch of small messages in one FETCH; a UID the source no longer has is simply absent. */
    List<FetchedMessage> fetchSmall(IMAPFolder source, List<SourceMessage> batch) throws MessagingException, ServerThrottled {
        Set<Long> wanted = new HashSet<>();
        batch.forEach(m -> wanted.add(m.uid()));
        List<FetchedMessage> out = new ArrayList<>();
        for (String set : ImapCommands.uidSets(wanted)) {
            Response[] responses = ImapCommands.run(source, true,
                    "UID FETCH " + set + " (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])", null);
            ImapCommands.requireOk(responses, "FETCH");
            for (Response r : responses) {
                if (!(r instanceof FetchResponse f) || f.getItem(UID.class) == null || f.getItem(BODY.class) == null) continue;
                long uid = f.getItem(UID.class).uid;
                if (!wanted.contains(uid)) continue;
                ByteArray bytes = f.getItem(BODY.class).getByteArray();
                if (bytes == null) bytes = new ByteArray(new byte[0], 0, 0);
                out.add(new FetchedMessage(uid, MailboxReads.internalDate(f), FlagNames.of(f.getItem(FLAGS.class)),
                        Fingerprints.ofMessage(bytes.getBytes(), bytes.getStart(), bytes.getCount(), bytes.getCount()),
                        bytes, null, bytes.getCount()));
                counters.bodiesFetched.incrementAndGet();
                counters.bodyBytes.addAndGet(bytes.getCount());
            }
        }
        out.sort(java.util.Comparator.comparingLong(FetchedMessage::uid));
        return out;
    }

    /** A big message into a spool file, chunk by chunk; empty when the source no longer has it. */
    java.util.Optional<FetchedMessage> fetchBig(IMAPFolder source, MailboxReads reads, SourceMessage message)
            throws MessagingException, ServerThrottled {
        List<SourceMessage> meta = reads.metadata(source, List.of(message.uid()), true);
        if (meta.isEmpty()) return java.util.Optional.empty();
        SourceMessage current = meta.getFirst();
        java.util.Map<Long, String> fp = reads.fingerprints(source, List.of(message.uid()), true);
        Path spool = newSpool();
        boolean done = false;
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(spool)) {
                written = chunks(source, message.uid(), (b, off, len) -> out.write(b, off, len));
            }
            if (written < 0 || fp.get(message.uid()) == null) return java.util.Optional.empty();
            counters.bodiesFetched.incrementAndGet();
            counters.bodyBytes.addAndGet(written);
            done = true;
            return java.util.Optional.of(new FetchedMessage(message.uid(), current.internalDate(), current.flags(),
                    fp.get(message.uid()), null, spool, Math.toIntExact(written)));
        } catch (IOException e) {
            throw new MessagingException("the spool file could not be written", e);
        } finally {
            if (!done) new FetchedMessage(message.uid(), current.internalDate(), Set.of(), "", null, spool, 0).close();
        }
    }

    /** SHA-256 (hex) of a whole message read in chunks, or null when the folder no longer has it. */
    @org.jspecify.annotations.Nullable String sha256(IMAPFolder folder, long uid, boolean source) throws MessagingException, ServerThrottled {
        MessageDigest digest = Fingerprints.sha256();
        long n;
        try {
            n = chunks(folder, uid, source, digest::update);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a digest does not throw
        }
        if (n < 0) return null;
        counters.bodiesFetched.incrementAndGet();
        counters.bodyBytes.addAndGet(n);
        return HexFormat.of().formatHex(digest.digest());
    }

    interface Sink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    private long chunks(IMAPFolder source, long uid, Sink sink) throws MessagingException, ServerThrottled, IOException {
        return chunks(source, uid, true, sink);
    }

    /** Bytes read, or -1 when the UID is gone. */
    private long chunks(IMAPFolder folder, long uid, boolean source, Sink sink) throws MessagingException, ServerThrottled, IOException {
        long offset = 0;
        int chunk = settings.chunkBytes();
        while (true) {
            Response[] responses = ImapCommands.run(folder, source,
                    "UID FETCH " + uid + " (UID BODY.PEEK[]<" + offset + "." + chunk + ">)", null);
            ImapCommands.requireOk(responses, "FETCH");
            ByteArray part = null;
            for (Response r : responses) {
                if (r instanceof FetchResponse f && f.getItem(UID.class) != null && f.getItem(UID.class).uid == uid
                        && f.getItem(BODY.class) != null) {
                    part = f.getItem(BODY.class).getByteArray();
                    if (part == null) part = new ByteArray(new byte[0], 0, 0);
                }
            }
            if (part == null) return offset == 0 ? -1 : offset;
            sink.accept(part.getBytes(), part.getStart(), part.getCount());
            offset += part.getCount();
            if (part.getCount() < chunk) return offset;
        }
    }

    private Path newSpool() throws MessagingException {
        try {
            Files.createDirectories(settings.spoolDirectory());
            try {
                return Files.createTempFile(settings.spoolDirectory(), "msg-", ".eml",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                return Files.createTempFile(settings.spoolDirectory(), "msg-", ".eml");
            }
        } catch (IOException e) {
            throw new MessagingException("no spool file could be created", e);
        }
    }

    /** Whether a message goes through a spool file. */
    boolean big(SourceMessage m) {
        return m.size() > settings.streamingThreshold();
    }

}
