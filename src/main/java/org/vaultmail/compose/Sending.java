package org.vaultmail.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.vaultmail.account.MailServerDirectory;
import org.vaultmail.account.MailServers;
import org.vaultmail.account.SmtpLogin;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.auth.SessionCredentials;
import org.vaultmail.i18n.UserText;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailSender;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MessageFlag;
import org.vaultmail.mail.SendException;
import org.vaultmail.reading.Mailbox;
import org.vaultmail.reading.MailboxChanges;

/**
 * The send pipeline (ADR 0017): check, claim the {@code Idempotency-Key}, build, submit over SMTP with the
 * session's login, then file a copy in Sent, flag the original ({@code \Answered} / {@code $Forwarded}),
 * remember the recipients for autocomplete, and remove the draft it came from. A draft is sent only after the
 * undo delay, during which {@link #cancel} stops it; until then it stays in Drafts, so a crash loses nothing.
 */
@Service
public class Sending {

    private static final Logger log = LoggerFactory.getLogger(Sending.class);
    /** The mail server refused the message's size (its limit is below this user's). */
    static final String SERVER_TOO_LARGE = "problem.compose.serverTooLarge";

    private final ComposeProperties properties;
    private final Identities identities;
    private final Limits limits;
    private final MimeComposer composer;
    private final MailSender sender;
    private final MailServerDirectory directory;
    private final SessionCredentials credentials;
    private final Mailbox mailbox;
    private final MailboxChanges changes;
    private final Folders folders;
    private final Drafts drafts;
    private final IdempotencyKeys keys;
    private final Contacts contacts;
    private final UploadSpool spool;
    private final Map<String, CountDownLatch> pending = new ConcurrentHashMap<>();

    Sending(ComposeProperties properties, Identities identities, Limits limits, MimeComposer composer, MailSender sender,
            MailServerDirectory directory, SessionCredentials credentials, Mailbox mailbox, MailboxChanges changes, Folders folders, Drafts drafts,
            IdempotencyKeys keys, Contacts contacts, UploadSpool spool) {
        this.spool = spool;
        this.properties = properties;
        this.identities = identities;
        this.limits = limits;
        this.composer = composer;
        this.sender = sender;
        this.directory = directory;
        this.credentials = credentials;
        this.mailbox = mailbox;
        this.changes = changes;
        this.folders = folders;
        this.drafts = drafts;
        this.keys = keys;
        this.contacts = contacts;
    }

    /** What a send did: the Message-ID, and whether an earlier request with the same key had already sent it. */
    public record Sent(String messageId, boolean replayed) {
    }

    /** Sends now (the API's {@code POST /api/v1/messages}). */
    public Sent send(AuthenticatedSession me, Letter letter, @Nullable String idempotencyKey) {
        Prepared prepared = prepare(me, letter);
        return withKey(me, idempotencyKey, () -> deliver(me, prepared, composer.newMessageId(prepared.from())));
    }

    /**
     * Sends draft {@code uid} after the undo delay (blocking the caller meanwhile), then removes it from Drafts.
     * Throws {@link SendCancelledException} when {@link #cancel} came first.
     */
    public Sent sendDraft(AuthenticatedSession me, long uid, @Nullable String idempotencyKey) {
        // registered before anything else, so an undo that arrives while the draft is still being read counts
        CountDownLatch latch = new CountDownLatch(1);
        String key = key(me, uid);
        if (pending.putIfAbsent(key, latch) != null) throw new SendCancelledException(UserText.of("problem.compose.alreadySending"));
        try {
            Drafts.Draft draft = drafts.load(me, uid);
            Prepared prepared = prepare(me, draft.letter());
            return withKey(me, idempotencyKey, () -> {
                waitOutUndoDelay(key, latch);
                String messageId = draft.messageId() != null ? draft.messageId() : composer.newMessageId(prepared.from());
                Sent sent = deliver(me, prepared, messageId);
                drafts.deleteQuietly(me, uid);
                return sent;
            });
        } finally {
            pending.remove(key, latch);
        }
    }

    /** Stops the pending send of draft {@code uid}; false when there is none (already sent, or never asked). */
    public boolean cancel(AuthenticatedSession me, long uid) {
        CountDownLatch latch = pending.remove(key(me, uid));
        if (latch == null) return false;
        latch.countDown();
        return true;
    }

    /** The undo delay the UI shows. */
    public Duration undoDelay() {
        return properties.undoDelay();
    }

    private Prepared prepare(AuthenticatedSession me, Letter letter) {
        Identity identity = identities.resolve(me, letter.from());
        Limits.Effective l = limits.of(me);
        return Prepared.of(letter, identity, l.maxFile(), l.maxTotal(), true);
    }


    /**
     * Waits out the undo delay. Whoever removes the pending entry first wins: {@link #cancel} (then nothing is sent)
     * or this method (then a later undo is too late and says so), so an undo is never answered "cancelled" for a
     * message that goes out anyway.
     */
    private void waitOutUndoDelay(String key, CountDownLatch latch) {
        Duration delay = properties.undoDelay();
        try {
            latch.await(Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.remove(key, latch);
            throw new SendCancelledException(UserText.of("problem.compose.interrupted"));
        }
        if (!pending.remove(key, latch)) throw new SendCancelledException(UserText.of("problem.compose.cancelled"));
    }

    private Sent deliver(AuthenticatedSession me, Prepared prepared, String messageId) {
        MailServers servers = directory.forAddress(me.address()).orElseThrow(() -> new SendException(SendException.Reason.UNAVAILABLE,
                "No mail server is configured for your domain any more; ask your operator"));
        // built and sent from a file of the upload spool: large files are never all in the heap
        Path wire = composer.compose(prepared, messageId, MimeComposer.Variant.SEND, spool);
        long max = limits.of(me).maxMessage();
        if (size(wire) > max) throw new TooLargeException("attachments",
                UserText.of("problem.compose.messageTooLarge", new UserText.Size(max)), max);
        try (SmtpLogin login = credentials.smtpLogin(me)) {
            sender.send(servers, login, prepared.from().getAddress(), prepared.envelopeRecipients(), wire);
        } catch (SendException e) {
            if (e.reason() == SendException.Reason.RECIPIENT_REJECTED) {
                throw new RecipientRejectedException(fieldOf(prepared, e.rejected().getFirst()), e.getMessage(), e.rejected());
            }
            if (e.reason() == SendException.Reason.TOO_LARGE) throw new TooLargeException("attachments", UserText.of(SERVER_TOO_LARGE), max);
            throw e;
        }
        afterSending(me, prepared, messageId);
        return new Sent(messageId, false);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything after SMTP accepted the message: failures here are logged, the message is sent either way. */
    private void afterSending(AuthenticatedSession me, Prepared prepared, String messageId) {
        if (!properties.serverStoresSent()) {
            try {
                Path copy = composer.compose(prepared, messageId, MimeComposer.Variant.SENT_COPY, spool);
                folders.sent(me).ifPresentOrElse(
                        sent -> changes.append(me, sent, copy, EnumSet.of(MessageFlag.SEEN)),
                        () -> log.info("No Sent folder: the sent message was not filed"));
            } catch (MailStoreException e) {
                log.warn("A sent message could not be filed in Sent: {}", e.getMessage());
            }
        }
        Letter.Original original = prepared.original();
        if (original != null) {
            try {
                FolderPath folder = mailbox.folder(me, original.folder());
                if (original.kind() == Letter.Kind.REPLY) {
                    mailbox.setFlags(me, folder, List.of(original.uid()), EnumSet.of(MessageFlag.ANSWERED), true);
                } else {
                    changes.addKeyword(me, folder, original.uid(), "$Forwarded");
                }
            } catch (MailStoreException e) {
                log.info("The original message could not be flagged: {}", e.getMessage());
            }
        }
        List<InternetAddress> all = new ArrayList<>(prepared.to());
        all.addAll(prepared.cc());
        all.addAll(prepared.bcc());
        contacts.record(me.userId(), all);
    }

    private Sent withKey(AuthenticatedSession me, @Nullable String key, java.util.function.Supplier<Sent> send) {
        if (key == null) return send.get();
        IdempotencyKeys.Claim claim = keys.claim(me.userId(), key);
        if (claim instanceof IdempotencyKeys.Claim.AlreadySent already) return new Sent(already.messageId(), true);
        if (claim instanceof IdempotencyKeys.Claim.InProgress) {
            throw new SendCancelledException(UserText.of("problem.compose.keyInProgress"));
        }
        boolean done = false;
        try {
            Sent sent = send.get();
            keys.sent(me.userId(), key, sent.messageId());
            done = true;
            return sent;
        } finally {
            if (!done) keys.release(me.userId(), key);
        }
    }

    /** The field ({@code to[0]}, {@code cc[2]}, {@code bcc[1]}) that holds {@code address}. */
    private static String fieldOf(Prepared prepared, String address) {
        Map<String, List<InternetAddress>> fields = new java.util.LinkedHashMap<>();
        fields.put("to", prepared.to());
        fields.put("cc", prepared.cc());
        fields.put("bcc", prepared.bcc());
        for (Map.Entry<String, List<InternetAddress>> f : fields.entrySet()) {
            for (int i = 0; i < f.getValue().size(); i++) {
                if (f.getValue().get(i).getAddress().equalsIgnoreCase(address)) return f.getKey() + "[" + i + "]";
            }
        }
        return "to";
    }

    private static String key(AuthenticatedSession me, long uid) {
        return me.userId() + "/" + uid;
    }
}
