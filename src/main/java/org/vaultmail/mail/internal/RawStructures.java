package org.vaultmail.mail.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import org.eclipse.angus.mail.imap.IMAPInputStream;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.MailStoreException;
import org.vaultmail.mail.MailStoreException.Reason;
import org.vaultmail.mail.MessagePart;

/**
 * A message's tree straight from the server's BODYSTRUCTURE, including the inside of attached
 * messages, and one part streamed by its IMAP section ({@code BODY.PEEK[2.1]}, fetched in chunks).
 */
final class RawStructures {

    private RawStructures() {
    }

    static MessagePart tree(BODYSTRUCTURE bs) {
        return bs.isMulti() ? multipart(bs, "", "TEXT") : leaf(bs, "1");
    }

    /** The part's content, transfer-decoded (an unknown encoding is passed through as is). */
    static InputStream stream(IMAPMessage message, BODYSTRUCTURE root, String partId) {
        BODYSTRUCTURE part = find(root, partId);
        if (part.isNested() && !partId.equals("1")) {
            // an attached message, whole: its header and its text (servers disagree on what BODY[n] of a
            // message/rfc822 part holds; GreenMail gives the body only, RFC 3501 and Dovecot the whole message)
            return new java.io.SequenceInputStream(new IMAPInputStream(message, partId + ".HEADER", -1, true),
                    new IMAPInputStream(message, partId + ".TEXT", -1, true));
        }
        String section = section(root, partId);
        InputStream raw = new IMAPInputStream(message, section, -1, true);
        if (part.encoding == null) return raw;
        try {
            return MimeUtility.decode(raw, part.encoding);
        } catch (MessagingException e) {
            return raw;
        }
    }

    /** The IMAP section holding a leaf part's content: a single-part message's body is {@code TEXT}, not {@code 1}. */
    static String section(BODYSTRUCTURE root, String partId) {
        return root.isMulti() || root.isNested() || !partId.equals("1") ? partId : "TEXT";
    }

    static BODYSTRUCTURE find(BODYSTRUCTURE root, String partId) {
        if (!partId.matches("[1-9][0-9]{0,3}(\\.[1-9][0-9]{0,3}){0,15}")) throw new MailStoreException(Reason.NOT_FOUND, "Not a part id");
        BODYSTRUCTURE current = root;
        boolean top = true;
        for (String segment : partId.split("\\.")) {
            int index = Integer.parseInt(segment);
            BODYSTRUCTURE container = current;
            if (!top && current.isNested() && current.bodies != null && current.bodies.length == 1) container = current.bodies[0];
            if (container.isMulti()) {
                if (container.bodies == null || index > container.bodies.length) throw notFound(partId);
                current = container.bodies[index - 1];
            } else if (index == 1 && (top || container != current)) {
                current = container;
            } else {
                throw notFound(partId);
            }
            top = false;
        }
        if (current.isMulti()) throw notFound(partId);
        return current;
    }

    private static MailStoreException notFound(String partId) {
        return new MailStoreException(Reason.NOT_FOUND, "No part " + partId);
    }

    private static MessagePart multipart(BODYSTRUCTURE bs, String prefix, String label) {
        List<MessagePart> children = new ArrayList<>();
        for (int i = 0; bs.bodies != null && i < bs.bodies.length; i++) {
            BODYSTRUCTURE child = bs.bodies[i];
            String id = prefix + (i + 1);
            children.add(child.isMulti() ? multipart(child, id + ".", id) : leaf(child, id));
        }
        return new MessagePart(label, type(bs), null, Math.max(bs.size, 0), null, null, null, List.copyOf(children));
    }

    private static MessagePart leaf(BODYSTRUCTURE bs, String id) {
        List<MessagePart> children = List.of();
        if (bs.isNested() && bs.bodies != null && bs.bodies.length == 1) {
            BODYSTRUCTURE inner = bs.bodies[0];
            children = List.of(inner.isMulti() ? multipart(inner, id + ".", id + ".TEXT") : leaf(inner, id + ".1"));
        }
        String filename = parameter(bs.dParams, "filename");
        if (filename == null) filename = parameter(bs.cParams, "name");
        return new MessagePart(id, type(bs), parameter(bs.cParams, "charset"), Math.max(bs.size, 0), filename,
                bs.disposition == null ? null : bs.disposition.toLowerCase(Locale.ROOT), bs.id, children);
    }

    private static String type(BODYSTRUCTURE bs) {
        String type = bs.type == null ? "application" : bs.type;
        String subtype = bs.subtype == null ? "octet-stream" : bs.subtype;
        return (type + "/" + subtype).toLowerCase(Locale.ROOT);
    }

    private static @Nullable String parameter(@Nullable ParameterList list, String name) {
        return list == null ? null : list.get(name);
    }
}
