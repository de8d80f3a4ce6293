package org.vaultmail.mail.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.EmailAddress;
import org.vaultmail.mail.MessageFlag;

/** Envelope fields and flags between Jakarta Mail and the port's types; never throws on a bad header. */
final class Envelopes {

    private Envelopes() {
    }

    static String subject(MimeMessage m) {
        try {
            String s = m.getSubject();
            return s == null ? "" : s;
        } catch (MessagingException e) {
            return "";
        }
    }

    static @Nullable Instant date(Message m) throws MessagingException {
        java.util.Date d = m.getSentDate();
        if (d == null) d = m.getReceivedDate();
        return d == null ? null : d.toInstant();
    }

    static List<EmailAddress> addresses(Address @Nullable [] addresses) {
        if (addresses == null) return List.of();
        List<EmailAddress> out = new ArrayList<>();
        for (Address a : addresses) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                out.add(new EmailAddress(ia.getPersonal(), ia.getAddress()));
            }
        }
        return List.copyOf(out);
    }

    static Set<MessageFlag> flags(Flags flags) {
        Set<MessageFlag> out = EnumSet.noneOf(MessageFlag.class);
        if (flags.contains(Flags.Flag.SEEN)) out.add(MessageFlag.SEEN);
        if (flags.contains(Flags.Flag.FLAGGED)) out.add(MessageFlag.FLAGGED);
        if (flags.contains(Flags.Flag.ANSWERED)) out.add(MessageFlag.ANSWERED);
        if (flags.contains(Flags.Flag.DRAFT)) out.add(MessageFlag.DRAFT);
        if (flags.contains(Flags.Flag.DELETED)) out.add(MessageFlag.DELETED);
        return Set.copyOf(out);
    }

    static Flags toFlags(Set<MessageFlag> flags) {
        Flags out = new Flags();
        for (MessageFlag f : flags) {
            out.add(switch (f) {
                case SEEN -> Flags.Flag.SEEN;
                case FLAGGED -> Flags.Flag.FLAGGED;
                case ANSWERED -> Flags.Flag.ANSWERED;
                case DRAFT -> Flags.Flag.DRAFT;
                case DELETED -> Flags.Flag.DELETED;
            });
        }
        return out;
    }
}
