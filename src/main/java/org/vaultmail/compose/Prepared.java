package org.vaultmail.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;
import org.vaultmail.i18n.UserText;

/**
 * A {@link Letter} after every check: addresses parsed, header fields free of CR/LF/NUL, Message-IDs well
 * formed, filenames safe, sizes within the limits. Only a {@code Prepared} letter becomes MIME.
 */
record Prepared(InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc, List<InternetAddress> bcc,
                String subject, String text, @Nullable String html, @Nullable String inReplyTo, List<String> references,
                List<Attachment> attachments, Letter.@Nullable Original original) {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
    private static final int MAX_REFERENCES = 50;
    static final String TOO_LONG = "problem.compose.tooLong"; // {0} the field, {1} its most characters
    static final String REQUIRED = "problem.compose.required";

    /** Checks {@code letter} sent as {@code identity}; throws {@link ComposeException} naming the first bad field. */
    static Prepared of(Letter letter, Identity identity, long maxAttachment, long maxTotal, boolean needRecipients) {
        InternetAddress from = Recipients.address("from", identity.address(), HeaderText.check("from.name", identity.name()));
        List<InternetAddress> to = Recipients.parse("to", letter.to());
        List<InternetAddress> cc = Recipients.parse("cc", letter.cc());
        List<InternetAddress> bcc = Recipients.parse("bcc", letter.bcc());
        if (needRecipients && to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new ComposeException("to", UserText.of("problem.compose.noRecipient"));
        }
        String subject = HeaderText.check("subject", letter.subject());
        if (subject.length() > 998) throw new ComposeException("subject", UserText.of(TOO_LONG, "subject", "998"));
        String inReplyTo = letter.inReplyTo() == null || letter.inReplyTo().isBlank() ? null
                : messageId("inReplyTo", letter.inReplyTo());
        List<String> references = new ArrayList<>();
        for (int i = 0; i < letter.references().size(); i++) references.add(messageId("references[" + i + "]", letter.references().get(i)));
        if (references.size() > MAX_REFERENCES) references = references.subList(references.size() - MAX_REFERENCES, references.size());
        long total = 0;
        for (int i = 0; i < letter.attachments().size(); i++) {
            Attachment a = letter.attachments().get(i);
            String field = "attachments[" + i + "]";
            HeaderText.check(field + ".filename", a.filename());
            HeaderText.check(field + ".contentType", a.contentType());
            if (a.filename().isBlank()) throw new ComposeException(field + ".filename", UserText.of(REQUIRED, field + ".filename"));
            if (!a.contentType().matches("[\\w.+-]+/[\\w.+-]+")) {
                throw new ComposeException(field + ".contentType", UserText.of("problem.compose.contentType", field + ".contentType", a.contentType()));
            }
            if (a.size() > maxAttachment) throw new TooLargeException(field,
                    UserText.of("problem.compose.fileTooLarge", a.filename(), new UserText.Size(maxAttachment)), maxAttachment);
            total += a.size();
        }
        if (total > maxTotal) throw new TooLargeException("attachments",
                UserText.of("problem.compose.attachmentsTooLarge", new UserText.Size(maxTotal)), maxTotal);
        return new Prepared(from, to, cc, bcc, subject, letter.text(), letter.html(), inReplyTo, List.copyOf(references),
                letter.attachments(), letter.original());
    }

    private static String messageId(String field, String value) {
        String v = HeaderText.check(field, value).strip();
        if (!v.startsWith("<")) v = "<" + v + ">";
        if (!MESSAGE_ID.matcher(v).matches() || v.length() > 250) throw new ComposeException(field, UserText.of("problem.compose.messageId", field, value));
        return v;
    }

    /** Every recipient's bare address, for the SMTP envelope. */
    List<String> envelopeRecipients() {
        List<String> all = new ArrayList<>(Recipients.specs(to));
        all.addAll(Recipients.specs(cc));
        all.addAll(Recipients.specs(bcc));
        return all.stream().distinct().toList();
    }
}
