package org.vaultmail.mail.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MessageDetail;
import org.vaultmail.mail.MessageUid;
import org.vaultmail.mail.PartContent;

/** One message by UID: its details and structure, its parts (streamed, or several bodies in one FETCH), its source. */
final class MessageFetch {

    private record StructureKey(String folder, long uidValidity, long uid) {
    }

    /** Message structures by folder, UIDVALIDITY and UID: immutable on the server, so never stale. */
    private final Cache<StructureKey, BODYSTRUCTURE> structures;
    private final Selection selection;

    MessageFetch(Selection selection, MailStoreCaches caches) {
        this.selection = selection;
        this.structures = caches.structures();
    }

    MessageDetail message(FolderPath path, long uid) throws MessagingException {
        IMAPFolder folder = selection.selectForUid(path);
        UidFetches.Fetched m = fetch(folder, path, uid);
        ENVELOPE e = m.envelope();
        return new MessageDetail(MessageUid.of(path, folder.getUIDValidity(), uid), m.subject(), Envelopes.addresses(e.from),
                Envelopes.addresses(e.to), Envelopes.addresses(e.cc), m.date(), e.messageId, m.size(), Envelopes.flags(m.flags()),
                RawStructures.tree(m.structure()));
    }

    InputStream part(FolderPath path, long uid, String partId) throws MessagingException {
        IMAPFolder folder = selection.selectForUid(path);
        BODYSTRUCTURE structure = structure(folder, path, uid);
        return RawStructures.stream(byUid(folder, path, uid), structure, partId);
    }

    /**
     * All the parts in one {@code UID FETCH (BODY.PEEK[a]<0.n> BODY.PEEK[b]<0.n>)}, no NOOP, the structure from {@link #message};
     * null when a part is a nested message (which this FETCH cannot decode: read it as a stream instead).
     */
    @Nullable Map<String, PartContent> bodies(FolderPath path, long uid, List<String> partIds, int limit) throws MessagingException {
        IMAPFolder folder = selection.selectForUid(path);
        BODYSTRUCTURE root = structure(folder, path, uid);
        Map<String, String> sections = new LinkedHashMap<>();
        for (String partId : partIds) {
            if (RawStructures.find(root, partId).isNested()) return null;
            sections.put(partId, RawStructures.section(root, partId));
        }
        // room for the transfer encoding (base64 is 4/3 of the content, plus line breaks)
        int encodedLimit = limit + limit / 2 + 1024;
        @SuppressWarnings("unchecked")
        Map<String, byte[]> fetched = (Map<String, byte[]>) folder.doCommand(
                p -> UidFetches.sections(p, uid, List.copyOf(sections.values()), encodedLimit));
        Map<String, PartContent> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : sections.entrySet()) {
            byte[] encoded = fetched.get(e.getValue());
            if (encoded == null) throw Failures.noMessage(uid, path);
            BODYSTRUCTURE part = RawStructures.find(root, e.getKey());
            boolean cut = encoded.length >= encodedLimit && (part.size < 0 || part.size > encoded.length);
            out.put(e.getKey(), UidFetches.decode(encoded, part.encoding, limit, cut));
        }
        return out;
    }

    /** The header section alone ({@code UID FETCH uid BODY.PEEK[HEADER]<0.limit>}). */
    byte[] header(FolderPath path, long uid, int limit) throws MessagingException {
        checkRange(path, uid);
        IMAPFolder folder = selection.selectForUid(path);
        @SuppressWarnings("unchecked")
        Map<String, byte[]> fetched = (Map<String, byte[]>) folder.doCommand(
                p -> UidFetches.sections(p, uid, List.of("HEADER"), limit));
        byte[] header = fetched.get("HEADER");
        if (header == null) { // a UID this connection has not seen yet
            Selection.noop(folder);
            @SuppressWarnings("unchecked")
            Map<String, byte[]> again = (Map<String, byte[]>) folder.doCommand(
                    p -> UidFetches.sections(p, uid, List.of("HEADER"), limit));
            header = again.get("HEADER");
        }
        if (header == null) throw Failures.noMessage(uid, path);
        return header;
    }

    /** The message's source, read by UID in chunks ({@link UidSourceStream}); a NOOP and a second try for a UID not seen yet. */
    InputStream source(FolderPath path, long uid) throws MessagingException {
        checkRange(path, uid);
        IMAPFolder folder = selection.selectForUid(path);
        UidSourceStream stream = UidSourceStream.open(folder, uid);
        if (stream == null) { // e.g. a draft another connection of the session appended a moment ago
            Selection.noop(folder);
            stream = UidSourceStream.open(folder, uid);
        }
        if (stream == null) throw Failures.noMessage(uid, path);
        return stream;
    }

    /** One {@code UID FETCH} of everything about the message; a NOOP and a second try for a UID this connection has not seen yet. */
    private UidFetches.Fetched fetch(IMAPFolder folder, FolderPath path, long uid) throws MessagingException {
        checkRange(path, uid);
        UidFetches.Fetched m = (UidFetches.Fetched) folder.doCommand(p -> UidFetches.message(p, uid));
        if (m == null) {
            Selection.noop(folder);
            m = (UidFetches.Fetched) folder.doCommand(p -> UidFetches.message(p, uid));
        }
        if (m == null) throw Failures.noMessage(uid, path);
        structures.put(new StructureKey(path.asString(), folder.getUIDValidity(), uid), m.structure());
        return m;
    }

    /** The message's structure: remembered from {@link #message} (it never changes for a UID), else fetched. */
    private BODYSTRUCTURE structure(IMAPFolder folder, FolderPath path, long uid) throws MessagingException {
        BODYSTRUCTURE known = structures.getIfPresent(new StructureKey(path.asString(), folder.getUIDValidity(), uid));
        return known != null ? known : fetch(folder, path, uid).structure();
    }

    /** The message; like {@link #fetch}, a NOOP and a second try for a UID this connection has not seen yet. */
    private static IMAPMessage byUid(IMAPFolder folder, FolderPath path, long uid) throws MessagingException {
        checkRange(path, uid);
        Message m = folder.getMessageByUID(uid);
        if (m == null || m.isExpunged()) { // e.g. a draft another connection of the session appended a moment ago
            Selection.noop(folder);
            m = folder.getMessageByUID(uid);
        }
        if (m == null || m.isExpunged()) throw Failures.noMessage(uid, path);
        return (IMAPMessage) m;
    }

    private static void checkRange(FolderPath path, long uid) {
        if (uid <= 0 || uid > 0xFFFF_FFFFL) throw Failures.noMessage(uid, path);
    }
}
