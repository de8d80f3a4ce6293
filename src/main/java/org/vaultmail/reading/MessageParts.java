package org.vaultmail.reading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.MessagePart;

/**
 * Which parts of a body structure are the text to show, which are inline images, and which are
 * attachments. Follows what mail clients agree on: in {@code multipart/alternative} the last HTML and the
 * plain-text alternative; in {@code multipart/related} the first part is the body and the rest are
 * resources; in {@code multipart/mixed} the first text part is the body and everything else an attachment.
 */
record MessageParts(@Nullable MessagePart text, @Nullable MessagePart html, List<MessagePart> attachments,
                    Map<String, MessagePart> inlineByContentId) {

    static MessageParts of(MessagePart root) {
        Collector c = new Collector();
        c.visit(root, false);
        return new MessageParts(c.text, c.html, c.attachments, c.inline);
    }

    /** The part with this IMAP section id anywhere in the tree. */
    static Optional<MessagePart> find(MessagePart root, String partId) {
        if (root.partId().equals(partId)) return Optional.of(root);
        for (MessagePart child : root.children()) {
            Optional<MessagePart> found = find(child, partId);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static final class Collector {
        @Nullable MessagePart text;
        @Nullable MessagePart html;
        final List<MessagePart> attachments = new ArrayList<>();
        final Map<String, MessagePart> inline = new LinkedHashMap<>();

        void visit(MessagePart part, boolean resourcesOnly) {
            String type = part.contentType().toLowerCase(Locale.ROOT);
            if (part.contentId() != null && !type.startsWith("multipart/")) inline.putIfAbsent(contentId(part.contentId()), part);
            if (type.equals("message/rfc822")) { // an attached message is an attachment, not part of this body
                attachments.add(part);
                return;
            }
            if (type.startsWith("multipart/alternative")) {
                alternative(part);
            } else if (type.startsWith("multipart/related")) {
                List<MessagePart> children = part.children();
                for (int i = 0; i < children.size(); i++) {
                    MessagePart child = children.get(i);
                    if (i == 0) visit(child, resourcesOnly);
                    else visit(child, true);
                }
            } else if (type.startsWith("multipart/")) {
                for (MessagePart child : part.children()) visit(child, resourcesOnly);
            } else if (!resourcesOnly && !part.isAttachment() && type.equals("text/plain") && text == null && html == null) {
                text = part;
            } else if (!resourcesOnly && !part.isAttachment() && type.equals("text/html") && html == null && text == null) {
                html = part;
            } else if (part.contentId() == null || "attachment".equalsIgnoreCase(part.disposition())) {
                // a part with a Content-ID is an inline resource; the renderer lists it if the HTML does not show it
                attachments.add(part);
            }
        }

        /** Alternatives: the richest HTML we can show and the plain text (for the API and text view). */
        private void alternative(MessagePart part) {
            MessagePart plain = null;
            MessagePart rich = null;
            for (MessagePart child : part.children()) {
                String type = child.contentType().toLowerCase(Locale.ROOT);
                if (type.equals("text/plain") && !child.isAttachment()) plain = child;
                else if (type.equals("text/html") || type.startsWith("multipart/")) rich = child;
            }
            if (text == null && html == null) {
                text = plain;
                if (rich != null) {
                    if (rich.contentType().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                        MessagePart keepText = text;
                        text = null;
                        visit(rich, false);
                        if (keepText != null) text = keepText;
                    } else {
                        html = rich;
                    }
                }
            } else {
                if (plain != null) attachments.add(plain);
                if (rich != null) visit(rich, false);
            }
        }
    }

    /** A Content-ID without its angle brackets. */
    static String contentId(String raw) {
        String id = raw.strip();
        if (id.startsWith("<") && id.endsWith(">") && id.length() > 2) id = id.substring(1, id.length() - 1);
        return id;
    }
}
