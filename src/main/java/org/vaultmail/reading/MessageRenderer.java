package org.vaultmail.reading;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.vaultmail.mail.FolderPath;
import org.vaultmail.mail.MailStore;
import org.vaultmail.mail.MessageDetail;
import org.vaultmail.mail.MessagePart;
import org.vaultmail.mail.PartContent;
import org.vaultmail.sanitize.MailHtmlSanitizer;
import org.vaultmail.sanitize.ResourceRewriter;
import org.vaultmail.sanitize.SanitizedHtml;

/**
 * Turns a message's structure into a {@link MessageView}: downloads only the text and HTML body parts (at
 * most {@link #BODY_LIMIT} bytes each, so a 20 MB message costs its bodies, not its attachments), decodes
 * them by charset, and sanitises the HTML with {@code cid:} images pointing at the message's own parts and
 * remote resources either blocked or sent through the image proxy.
 */
@Component
class MessageRenderer {

    /** Bodies larger than this are cut for display; the full message stays available as source. */
    static final int BODY_LIMIT = 2 * 1024 * 1024;

    private static final Pattern META_CHARSET = Pattern.compile(
            "(?i)<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_:.+-]{1,40})");

    private final MailHtmlSanitizer sanitizer;
    private final RenderedMessages rendered;

    MessageRenderer(MailHtmlSanitizer sanitizer, RenderedMessages rendered) {
        this.sanitizer = sanitizer;
        this.rendered = rendered;
    }

    /**
     * Renders; {@code showRemote} decides by the sender's address whether remote content loads. The headers
     * and flags come fresh from the server every time; the bodies as rendered for this session before, if they were.
     */
    MessageView render(MailStore store, long userId, String sessionId, FolderPath folder, long uid, Predicate<String> showRemote) {
        MessageDetail detail = store.message(folder, uid);
        String sender = detail.from().isEmpty() ? "" : detail.from().getFirst().address();
        boolean remote = showRemote.test(sender.toLowerCase(Locale.ROOT));
        RenderedMessages.Key key = new RenderedMessages.Key(sessionId, detail.uid(), remote);
        MessageView known = rendered.get(userId, key);
        if (known != null) {
            return new MessageView(detail, known.text(), known.html(), known.attachments(), known.remoteContentBlocked(),
                    known.remoteContentShown(), known.truncated());
        }
        MessageView view = render(store, folder, uid, detail, remote);
        rendered.put(userId, key, view);
        return view;
    }

    /**
     * The message for quoting in a reply or forward: the same bodies as the reading view, with the HTML sanitised for
     * an outgoing mail, every resource dropped (remote ones are not fetched by the recipient on the user's behalf;
     * {@code cid:} images because the quote does not carry the original's parts, ADR 0016). HTML cut at the display
     * limit is not quoted as HTML (null): a cut tag soup is worse than the text quote. Not cached.
     */
    MessageView forQuote(MailStore store, FolderPath folder, long uid) {
        MessageDetail detail = store.message(folder, uid);
        MessageView view = render(store, folder, uid, detail, MessageParts.of(detail.body()), ResourceRewriter.blockAll(),
                new HashSet<>(), false);
        return view.truncated() && view.html() != null
                ? new MessageView(detail, view.text(), null, view.attachments(), true, false, true) : view;
    }

    private MessageView render(MailStore store, FolderPath folder, long uid, MessageDetail detail, boolean remote) {
        MessageParts parts = MessageParts.of(detail.body());
        Set<String> usedInline = new HashSet<>();
        return render(store, folder, uid, detail, parts, rewriter(folder, uid, parts, usedInline, remote), usedInline, remote);
    }

    private MessageView render(MailStore store, FolderPath folder, long uid, MessageDetail detail, MessageParts parts,
                               ResourceRewriter resources, Set<String> usedInline, boolean remote) {
        boolean truncated = false;
        List<String> wanted = new java.util.ArrayList<>(2);
        if (parts.text() != null) wanted.add(parts.text().partId());
        if (parts.html() != null && !wanted.contains(parts.html().partId())) wanted.add(parts.html().partId());
        Map<String, PartContent> bodies = store.bodies(folder, uid, wanted, BODY_LIMIT); // both in one round trip

        String text = null;
        if (parts.text() != null) {
            PartContent body = bodies.get(parts.text().partId());
            text = TextDecoder.decode(body.bytes(), parts.text().charset());
            truncated = body.truncated();
        }

        String html = null;
        boolean blocked = false;
        boolean shown = false;
        if (parts.html() != null) {
            PartContent body = bodies.get(parts.html().partId());
            truncated |= body.truncated();
            String charset = parts.html().charset() != null ? parts.html().charset() : metaCharset(body.bytes());
            String source = TextDecoder.decode(body.bytes(), charset);
            SanitizedHtml safe = sanitizer.sanitize(source, resources);
            html = safe.html();
            blocked = safe.remoteContentBlocked();
            shown = remote;
        }

        List<MessagePart> attachments = new java.util.ArrayList<>(parts.attachments());
        // inline images the HTML did not show are attachments too (a picture pasted into a plain-text mail)
        for (MessagePart p : parts.inlineByContentId().values()) {
            if (!usedInline.contains(p.partId()) && !attachments.contains(p) && p != parts.text() && p != parts.html()) {
                attachments.add(p);
            }
        }
        return new MessageView(detail, text, html, attachments, blocked, shown, truncated);
    }

    private static ResourceRewriter rewriter(FolderPath folder, long uid, MessageParts parts, Set<String> usedInline,
                                             boolean remote) {
        return new ResourceRewriter() {
            @Override
            public @Nullable String inline(String contentId) {
                MessagePart part = parts.inlineByContentId().get(MessageParts.contentId(contentId));
                if (part == null || !part.contentType().toLowerCase(Locale.ROOT).startsWith("image/")) return null;
                usedInline.add(part.partId());
                return MessageLinks.part(folder, uid, part.partId());
            }

            @Override
            public @Nullable String remote(String absoluteUrl) {
                return remote ? MessageLinks.proxied(absoluteUrl) : null;
            }
        };
    }

    /** An HTML part without a MIME charset may declare one in a meta tag. */
    private static @Nullable String metaCharset(byte[] html) {
        String head = new String(html, 0, Math.min(html.length, 2048), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        return m.find() ? m.group(1) : null;
    }
}
