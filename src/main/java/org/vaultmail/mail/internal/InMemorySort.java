package org.vaultmail.mail.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.vaultmail.mail.Sort;

/**
 * RFC 5256 SORT done here, for servers without it: fetches ENVELOPE (with INTERNALDATE and
 * RFC822.SIZE) of every message in the folder, so it costs one FETCH of about 300 bytes per message.
 * Ties are broken by sequence number ascending, also when descending, as the RFC says.
 */
final class InMemorySort {

    private static final Pattern SUBJECT_PREFIX = Pattern.compile(
            "^(\\s*((re|fw|fwd|aw|wg|sv|vs)(\\[\\d+])?\\s*:|\\[[^]]*]))+\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBJECT_SUFFIX = Pattern.compile("(\\s*\\(fwd\\))+\\s*$", Pattern.CASE_INSENSITIVE);

    private InMemorySort() {
    }

    /** Sequence numbers of all messages in {@code folder}, in order. */
    static int[] sort(IMAPFolder folder, Sort sort, boolean descending) throws MessagingException {
        return sort(folder, folder.getMessages(), sort, descending);
    }

    /** Sequence numbers of {@code all} (messages of {@code folder}, e.g. search results), in order. */
    static int[] sort(IMAPFolder folder, Message[] all, Sort sort, boolean descending) throws MessagingException {
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        folder.fetch(all, profile);
        record Row(int seq, Comparable<Object> key) {
        }
        Row[] rows = new Row[all.length];
        for (int i = 0; i < all.length; i++) rows[i] = new Row(all[i].getMessageNumber(), key(all[i], sort));
        Comparator<Row> byKey = Comparator.comparing(Row::key);
        if (descending) byKey = byKey.reversed();
        Arrays.sort(rows, byKey.thenComparingInt(Row::seq));
        return Arrays.stream(rows).mapToInt(Row::seq).toArray();
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> key(Message m, Sort sort) throws MessagingException {
        Comparable<?> key = switch (sort) {
            case DATE -> {
                Date sent = m.getSentDate();
                Date received = m.getReceivedDate();
                yield sent != null ? sent.getTime() : received != null ? received.getTime() : 0L;
            }
            case ARRIVAL -> m.getReceivedDate() == null ? 0L : m.getReceivedDate().getTime();
            case SIZE -> (long) m.getSize();
            case FROM -> mailbox(m.getFrom());
            case SUBJECT -> baseSubject(m.getSubject());
        };
        return (Comparable<Object>) key;
    }

    private static String mailbox(Address[] from) {
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress a) || a.getAddress() == null) return "";
        String address = a.getAddress();
        int at = address.lastIndexOf('@');
        return (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
    }

    static String baseSubject(String subject) {
        if (subject == null) return "";
        String s = SUBJECT_SUFFIX.matcher(subject.strip()).replaceAll("");
        s = SUBJECT_PREFIX.matcher(s).replaceAll("");
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
