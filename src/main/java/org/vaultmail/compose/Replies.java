package org.vaultmail.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.vaultmail.auth.AuthenticatedSession;
import org.vaultmail.i18n.UserText;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.reading.Mailbox;
import org.vaultmail.reading.MessageView;
import org.vaultmail.reading.QuotedMessage;
import org.vaultmail.sanitize.PlainTextRenderer;

/**
 * Starts a reply, reply-all or forward of a message: recipients (Reply-To honoured, the user's own addresses
 * left out of reply-all), {@code Re:}/{@code Fwd:} without stacking, {@code In-Reply-To} and {@code References},
 * the original quoted as text ({@code > }) and as HTML (rendered by the reading service with every resource dropped,
 * {@link Mailbox#quote}: no second download and parse of the raw message), or the original attached as
 * {@code message/rfc822} (the one case that reads its bytes).
 */
@Service
public class Replies {

    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?:\\s*(?:re|aw|sv|antw|ref)(?:\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORWARD_PREFIX = Pattern.compile("^(?:\\s*(?:fwd?|wg|tr|vs)(?:\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE, d MMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH);

    private final Mailbox mailbox;
    private final Identities identities;
    private final Contacts contacts;
    private final QuoteCache quotes = new QuoteCache(8, 64);

    Replies(Mailbox mailbox, Identities identities, Contacts contacts) {
        this.mailbox = mailbox;
        this.identities = identities;
        this.contacts = contacts;
    }

    /** What to start. */
    public enum Mode {
        REPLY, REPLY_ALL, FORWARD, FORWARD_ATTACHMENT;

        /** {@code reply}, {@code reply-all}, {@code forward} or {@code forward-attachment}; anything else is refused. */
        static Mode parse(String mode) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(mode.strip().replace('-', '_'))) return m;
            }
            throw new ComposeException("mode", UserText.of("problem.compose.mode"));
        }
    }

    /** The new letter and the original quoted as sanitised HTML (null when forwarding as an attachment). */
    public record Start(Letter letter, @Nullable String quoteHtml) {
    }

    public Start start(AuthenticatedSession me, String folderName, long uid, Mode mode) {
        FolderPath folder = mailbox.folder(me, folderName);
        QuotedMessage original = mailbox.quote(me, folder, uid);
        MessageView view = original.view();
        rememberSender(me, view);
        String messageId = view.detail().messageId();
        String subject = view.detail().subject() == null ? "" : view.detail().subject();
        boolean reply = mode == Mode.REPLY || mode == Mode.REPLY_ALL;
        List<String> to = new ArrayList<>();
        List<String> cc = new ArrayList<>();
        if (reply) recipients(me, view, original.replyTo(), mode == Mode.REPLY_ALL, to, cc);
        List<String> references = new ArrayList<>();
        if (reply) {
            String refs = original.references();
            if (refs != null) references.addAll(Arrays.stream(refs.trim().split("\\s+")).filter(r -> r.startsWith("<") && r.endsWith(">")).toList());
            if (messageId != null) references.add(messageId);
        }
        String text = mode == Mode.FORWARD_ATTACHMENT ? "" : quoteText(view, reply);
        String quoteHtml = mode == Mode.FORWARD_ATTACHMENT ? null : quoteHtml(view, reply);
        List<Attachment> files = mode == Mode.FORWARD_ATTACHMENT
                ? List.of(new Attachment(filename(subject), "message/rfc822", source(me, folder, uid))) : List.of();
        Letter letter = new Letter(null, to, cc, List.of(), reply ? "Re: " + REPLY_PREFIX.matcher(subject).replaceFirst("")
                : "Fwd: " + FORWARD_PREFIX.matcher(subject).replaceFirst(""), text, null, reply ? messageId : null,
                references.size() > 50 ? references.subList(references.size() - 50, references.size()) : references, files,
                new Letter.Original(folder.asString(), uid, reply ? Letter.Kind.REPLY : Letter.Kind.FORWARD));
        return new Start(letter, quoteHtml);
    }

    /** The original as it is, for forwarding as an attachment (the one case that needs its bytes). */
    private byte[] source(AuthenticatedSession me, FolderPath folder, long uid) {
        return mailbox.source(me, folder, uid, in -> {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void recipients(AuthenticatedSession me, MessageView view, @Nullable String replyToField, boolean all,
                            List<String> to, List<String> cc) {
        List<String> mine = identities.list(me).stream().map(Identity::address).toList();
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> replyTo = parse(replyToField);
        List<String> primary = !replyTo.isEmpty() ? replyTo : view.detail().from().stream().map(Replies::format).toList();
        for (String a : primary) add(a, to, seen, List.of());
        if (!all) return;
        for (EmailAddress a : view.detail().to()) add(format(a), to, seen, mine);
        for (EmailAddress a : view.detail().cc()) add(format(a), cc, seen, mine);
        if (to.isEmpty() && !cc.isEmpty()) to.add(cc.removeFirst());
    }

    private static void add(String address, List<String> into, Map<String, String> seen, List<String> skip) {
        String bare = bare(address);
        if (bare.isEmpty() || skip.contains(bare) || seen.containsKey(bare)) return;
        seen.put(bare, address);
        into.add(address);
    }

    private static String bare(String address) {
        try {
            return new InternetAddress(address).getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return address.strip().toLowerCase(Locale.ROOT);
        }
    }

    private static List<String> parse(@Nullable String header) {
        if (header == null) return List.of();
        try {
            return Arrays.stream(InternetAddress.parseHeader(MimeUtility.unfold(header), false)).map(InternetAddress::toUnicodeString).toList();
        } catch (AddressException e) {
            return List.of();
        }
    }

    private static String format(EmailAddress a) {
        return a.name() == null || a.name().isBlank() ? a.address() : new InternetAddressText(a.name(), a.address()).toString();
    }

    /** Someone the user answers or forwards is someone they correspond with: suggest them later. */
    private void rememberSender(AuthenticatedSession me, MessageView view) {
        for (EmailAddress a : view.detail().from()) {
            try {
                InternetAddress address = new InternetAddress(a.address());
                if (a.name() != null && !a.name().isBlank()) address.setPersonal(a.name(), "UTF-8");
                contacts.record(me.userId(), List.of(address));
            } catch (AddressException | java.io.UnsupportedEncodingException e) {
                // not an address worth suggesting
            }
        }
    }

    private static String attribution(MessageView view, boolean reply) {
        EmailAddress from = view.detail().from().isEmpty() ? null : view.detail().from().getFirst();
        String who = from == null ? "someone" : format(from);
        String when = view.detail().date() == null ? null : WHEN.format(view.detail().date().atZone(ZoneOffset.UTC));
        if (reply) return (when == null ? "" : "On " + when + ", ") + who + " wrote:";
        return "---------- Forwarded message ----------\nFrom: " + who + (when == null ? "" : "\nDate: " + when)
                + "\nSubject: " + (view.detail().subject() == null ? "" : view.detail().subject());
    }

    private static String quoteText(MessageView view, boolean reply) {
        String body = view.text() == null ? "" : view.text();
        StringBuilder out = new StringBuilder("\n\n").append(attribution(view, reply)).append('\n');
        if (!reply) return out.append('\n').append(body).toString();
        for (String line : body.split("\r?\n", -1)) out.append(line.startsWith(">") ? ">" : "> ").append(line).append('\n');
        return out.toString();
    }

    private static String quoteHtml(MessageView view, boolean reply) {
        String inner = view.html() != null ? view.html() : "<div class=\"plain\">" + PlainTextRenderer.toHtml(view.text() == null ? "" : view.text()) + "</div>";
        String head = PlainTextRenderer.toHtml(attribution(view, reply)).replace("\n", "<br>");
        return "<p>" + head + "</p><blockquote type=\"cite\">" + inner + "</blockquote>";
    }

    /**
     * The letter with its HTML part built from the user's text (Markdown) followed by the original's own HTML,
     * sanitised, in a blockquote, when the text still ends with the quote {@link #start} put there and the
     * original has an HTML part; otherwise the letter as it is (its Markdown rendering quotes the text).
     * The plain part keeps the {@code > } quote either way. The original is read once per user and message
     * and kept in a small cache, because drafts are saved every few seconds.
     */
    Letter withOriginalHtml(AuthenticatedSession me, Letter letter) {
        Letter.Original original = letter.original();
        if (original == null) return letter;
        boolean reply = original.kind() == Letter.Kind.REPLY;
        Quote quote = quotes.get(me.userId(), me.userId() + "\u0000" + original.folder() + "\u0000" + original.uid() + "\u0000" + reply,
                () -> quote(me, original, reply));
        if (quote == null || quote.html() == null) return letter;
        String text = letter.text().replace("\r\n", "\n");
        int at = text.lastIndexOf(quote.text());
        if (at < 0 || !text.substring(at + quote.text().length()).isBlank()) return letter;
        return new Letter(letter.from(), letter.to(), letter.cc(), letter.bcc(), letter.subject(), letter.text(),
                Markdown.toHtml(text.substring(0, at), quote.html()), letter.inReplyTo(), letter.references(),
                letter.attachments(), original);
    }

    private @Nullable Quote quote(AuthenticatedSession me, Letter.Original original, boolean reply) {
        try {
            FolderPath folder = mailbox.folder(me, original.folder());
            MessageView view = mailbox.quote(me, folder, original.uid()).view();
            if (view.html() == null) return new Quote("", null);
            return new Quote(quoteText(view, reply).replace("\r\n", "\n").strip(), quoteHtml(view, reply));
        } catch (RuntimeException e) {
            return null; // the original is gone or unreadable: the Markdown quote stands (not cached)
        }
    }

    /** The quote as {@link #start} writes it into the text (stripped), and as HTML (null: the original has no HTML). */
    record Quote(String text, @Nullable String html) {
    }

    private static String filename(String subject) {
        String base = subject.isBlank() ? "message" : subject.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        return (base.length() > 80 ? base.substring(0, 80) : base) + ".eml";
    }

    /** "Name" <address> with the name quoted as RFC 5322 needs; for the fields the user edits. */
    private record InternetAddressText(String name, String address) {
        @Override
        public String toString() {
            boolean plain = name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '\'');
            return (plain ? name : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"") + " <" + address + ">";
        }
    }
}
