package org.vaultmail.compose;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.reading.Mailbox;
import org.vaultmail.reading.MailboxChanges;

/**
 * Drafts live in the IMAP Drafts folder, nowhere else: a save appends the new version ({@code \Draft \Seen})
 * and then deletes the previous one by UID, so a crash between the two leaves two copies, never none.
 * The draft keeps its Message-ID across versions, Bcc, files, and which message it answers. A draft is built and
 * read in the upload spool (files on disk for the request), never as one array in the heap.
 */
@Service
public class Drafts {

    private static final Logger log = LoggerFactory.getLogger(Drafts.class);

    private final Mailbox mailbox;
    private final MailboxChanges changes;
    private final Folders folders;
    private final Identities identities;
    private final Limits limits;
    private final MimeComposer composer;
    private final UploadSpool spool;

    Drafts(Mailbox mailbox, MailboxChanges changes, Folders folders, Identities identities, Limits limits, MimeComposer composer, UploadSpool spool) {
        this.spool = spool;
        this.mailbox = mailbox;
        this.changes = changes;
        this.folders = folders;
        this.identities = identities;
        this.limits = limits;
        this.composer = composer;
    }

    /** A saved draft: its UID in Drafts (changes with every save), its Message-ID and content. */
    public record Draft(long uid, @Nullable String messageId, Letter letter) {
    }

    /**
     * Saves {@code letter} as a new draft, replacing draft {@code replaces} (if not null). Files of the replaced
     * draft are carried over: all of them when {@code keep} is null, else those whose index is listed.
     */
    public Draft save(AuthenticatedSession me, Letter letter, @Nullable Long replaces, @Nullable List<Integer> keep) {
        FolderPath drafts = folders.drafts(me);
        String messageId = null;
        Letter content = letter;
        if (replaces != null) {
            Draft previous = load(me, replaces);
            messageId = previous.messageId();
            List<Attachment> files = new ArrayList<>();
            List<Attachment> old = previous.letter().attachments();
            for (int i = 0; i < old.size(); i++) if (keep == null || keep.contains(i)) files.add(old.get(i));
            files.addAll(letter.attachments());
            content = letter.withAttachments(files);
        }
        Identity identity = identities.resolve(me, content.from());
        Limits.Effective l = limits.of(me);
        Prepared prepared = Prepared.of(content, identity, l.maxFile(), l.maxTotal(), false);
        String id = messageId != null ? messageId : composer.newMessageId(prepared.from());
        // built in the upload spool and streamed from there: a draft with large files never sits in the heap
        Path raw = composer.compose(prepared, id, MimeComposer.Variant.DRAFT, spool);
        long uid = changes.appendReplacing(me, drafts, raw, EnumSet.of(MessageFlag.DRAFT, MessageFlag.SEEN), replaces);
        if (uid < 0) log.warn("The Drafts folder did not report the saved draft's UID");
        return new Draft(uid, id, DraftParser.parse(spool.open(raw)).letter());
    }

    /** The draft with this UID, files included; {@code NOT_FOUND} when it is gone. */
    public Draft load(AuthenticatedSession me, long uid) {
        FolderPath drafts = folders.drafts(me);
        Path raw = spool.newFile();
        mailbox.source(me, drafts, uid, in -> {
            try (OutputStream out = Files.newOutputStream(raw)) {
                return in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        DraftParser.Parsed parsed = DraftParser.parse(spool.open(raw));
        return new Draft(uid, parsed.messageId(), parsed.letter());
    }

    public void delete(AuthenticatedSession me, long uid) {
        FolderPath drafts = folders.drafts(me);
        changes.deleteForGood(me, drafts, uid);
    }

    /** Adds {@code files} to draft {@code uid}: its next version, with every file it had and these after them. */
    Draft attach(AuthenticatedSession me, long uid, List<Attachment> files) {
        Letter letter = load(me, uid).letter().withAttachments(files);
        return save(me, letter, uid, null);
    }

    /** Deletes a draft that was sent; a failure leaves a stale draft, which is logged, not an error of the send. */
    void deleteQuietly(AuthenticatedSession me, long uid) {
        try {
            delete(me, uid);
        } catch (MailStoreException e) {
            log.warn("A sent draft could not be removed from Drafts: {}", e.getMessage());
        }
    }
}
