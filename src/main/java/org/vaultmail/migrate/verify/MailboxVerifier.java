package org.vaultmail.migrate.verify;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * Compares a migration's source and destination folder by folder, read-only on both sides (EXAMINE and
 * {@code BODY.PEEK[]}): each folder is a multiset of (raw SHA-256, flags and keywords, INTERNALDATE), so a byte
 * changed, a header added, a flag or keyword lost, an arrival date moved, a message missing or copied twice all show.
 */
public final class MailboxVerifier {

    private final VerifyOptions options;

    public MailboxVerifier(VerifyOptions options) {
        this.options = options;
    }

    public MailboxVerifier() {
        this(VerifyOptions.strict());
    }

    /** Compares every selectable pair; a \Noselect parent only has to exist on the destination. */
    public VerifyReport verify(IMAPStore source, IMAPStore destination, List<FolderPair> pairs) throws MessagingException {
        List<VerifyReport.Folder> folders = new ArrayList<>();
        for (FolderPair pair : pairs) folders.add(verify(source, destination, pair));
        return new VerifyReport(folders);
    }

    /** One folder's messages as the verifier sees them (UID order), read-only: e.g. to check a fixture was stored exactly. */
    public List<VerifyReport.Message> messages(IMAPStore store, String folder) throws MessagingException {
        List<String> problems = new ArrayList<>();
        List<MessageKey> keys = readOrNote(store, folder, "", problems);
        if (!problems.isEmpty()) throw new jakarta.mail.FolderNotFoundException(store.getFolder(folder), problems.getFirst());
        return keys.stream().map(k -> new VerifyReport.Message(k.uid(), k.sha256(), k.flags(), k.internalDate())).toList();
    }

    VerifyReport.Folder verify(IMAPStore source, IMAPStore destination, FolderPair pair) throws MessagingException {
        boolean condstore = options.checkSourceUnchanged() && pair.selectable() && source.hasCapability("CONDSTORE");
        Long before = condstore ? highestModSeq(source, pair.source()) : null;
        List<String> problems = new ArrayList<>();
        List<MessageKey> src = pair.selectable() ? readOrNote(source, pair.source(), "source", problems) : List.of();
        List<MessageKey> dst = List.of();
        IMAPFolder dstFolder = (IMAPFolder) destination.getFolder(pair.destination());
        if (!dstFolder.exists()) {
            problems.add("destination folder " + pair.destination() + " does not exist");
        } else {
            if (pair.selectable()) dst = readOrNote(destination, pair.destination(), "destination", problems);
            if (options.checkSubscriptions() && pair.subscribed() && !dstFolder.isSubscribed()) {
                problems.add("not subscribed on the destination");
            }
        }
        Long after = condstore ? highestModSeq(source, pair.source()) : null;
        MultisetDiff diff = MultisetDiff.of(new ArrayList<>(src), new ArrayList<>(dst));
        return new VerifyReport.Folder(pair.source(), pair.destination(), src.size(), dst.size(), diff.missing, diff.extra,
                diff.duplicates, diff.flagDifferences, diff.dateDifferences, diff.rewritten, before, after, problems);
    }

    private List<MessageKey> readOrNote(IMAPStore store, String name, String side, List<String> problems)
            throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        if (!folder.exists()) {
            problems.add((side + " folder ").stripLeading() + name + " does not exist");
            return List.of();
        }
        folder.open(Folder.READ_ONLY); // EXAMINE: the server changes nothing, not even \Seen or \Recent
        try {
            return FolderReader.read(folder, options);
        } finally {
            folder.close(false);
        }
    }

    /**
     * {@code STATUS name (HIGHESTMODSEQ)} on the store's own connection, with the folder closed; null when the folder
     * cannot be asked (missing, or a \NonExistent parent that LIST shows for its children).
     */
    private static @Nullable Long highestModSeq(IMAPStore store, String name) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        if (!folder.exists()) return null;
        try {
            Status status = (Status) folder.doCommand(p -> p.status(name, new String[] {"HIGHESTMODSEQ"}));
            return status == null || status.highestmodseq < 0 ? null : status.highestmodseq;
        } catch (MessagingException e) {
            if (e.getCause() instanceof org.eclipse.angus.mail.iap.CommandFailedException) return null; // tagged NO
            throw e;
        }
    }
}
