package org.vaultmail.gateway.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.vaultmail.compose.MailAddresses;
import org.vaultmail.compose.MimeMessages;
import org.vaultmail.gateway.mailboxes.ConnectedMailbox;
import org.vaultmail.i18n.UserText;
import tools.jackson.databind.JsonNode;

/**
 * Checks a {@link SendRequest} the way compose checks what a user writes (compose's own address and header rules,
 * {@link MailAddresses}) and builds the MIME message with Angus Mail: a {@code Message-ID} on the mailbox's domain,
 * {@code Date}, {@code MIME-Version}; plain and HTML as {@code multipart/alternative}; files in
 * {@code multipart/mixed}. Bcc goes only into the envelope, never into a header.
 *
 * <p>Why this is long: checking a request and building its MIME form walk the same fields (addresses, headers, files,
 * send time) once, in one place that mirrors compose's rules; split, the fields would be walked twice and the rules
 * could drift apart.
 */
final class OutboxMessageBuilder {

    /** Extra headers a caller may set; everything else the message needs is set here (or refused). */
    static final Set<String> ALLOWED_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        ALLOWED_HEADERS.addAll(List.of("List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "List-Help",
                "X-Entity-Ref-ID", "References", "In-Reply-To", "Auto-Submitted", "Precedence", "Feedback-ID"));
    }

    static final int MAX_METADATA_CHARS = 4000;
    static final int MAX_RECIPIENTS = 100;
    private static final int MAX_HEADER_VALUE = 998;
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]{1,200}");

    /** What the outbox stores for one accepted request. */
    record Built(OutboxContent content, String messageId, Instant sendAt, @Nullable String metadata) {
        @Override
        public String toString() {
            return "Built[" + messageId + "]";
        }
    }

    private final OutboxApiProperties limits;
    private final Clock clock;

    /** The SIZE a mail domain's SMTP server announces, when it does (asked once per server and cached by mail). */
    interface ServerSizes {
        OptionalLong of(String domain);
    }

    private final ServerSizes serverSizes;

    OutboxMessageBuilder(OutboxApiProperties limits, Clock clock, ServerSizes serverSizes) {
        this.serverSizes = serverSizes;
        this.limits = limits;
        this.clock = clock;
    }

    long maxMessageSize() {
        return limits.maxMessageSize().toBytes();
    }

    /** The message for {@code mailbox} (already resolved and allowed); {@code files} are multipart file parts. */
    Built build(SendRequest request, ConnectedMailbox mailbox, List<SendRequest.File> files) {
        InternetAddress from = from(request.from(), mailbox);
        List<InternetAddress> to = addresses("to", request.to());
        List<InternetAddress> cc = addresses("cc", request.cc());
        List<InternetAddress> bcc = addresses("bcc", request.bcc());
        int count = to.size() + cc.size() + bcc.size();
        if (count == 0) throw OutboxProblem.invalid("to", "problem.outbox.noRecipient");
        if (count > MAX_RECIPIENTS) {
            throw OutboxProblem.invalid("to", "problem.outbox.tooManyRecipients", String.valueOf(MAX_RECIPIENTS));
        }
        InternetAddress replyTo = request.replyTo() == null || request.replyTo().isBlank() ? null : one("replyTo", request.replyTo());
        String subject = checked("subject", request.subject());
        Map<String, String> headers = headers(request.headers());
        List<SendRequest.File> attachments = new ArrayList<>(decode(request.attachments()));
        attachments.addAll(files);
        checkFiles(attachments);
        Instant sendAt = sendAt(request.sendAt());
        String metadata = metadata(request.metadata());

        String messageId = UUID.randomUUID() + "@" + mailbox.domain().toLowerCase(Locale.ROOT);
        byte[] mime = mime(from, to, cc, replyTo, subject, request.text(), request.html(), headers, attachments, messageId);
        if (mime.length > limits.maxMessageSize().toBytes()) {
            throw new OutboxProblem(HttpStatus.CONTENT_TOO_LARGE, "problem.outbox.title.tooLarge", UserText.of("problem.outbox.tooLarge",
                    String.valueOf(mime.length), String.valueOf(limits.maxMessageSize().toBytes())), null);
        }
        OptionalLong serverSize = serverSizes.of(mailbox.domain().toLowerCase(Locale.ROOT));
        if (serverSize.isPresent() && serverSize.getAsLong() > 0 && mime.length > serverSize.getAsLong()) {
            throw new OutboxProblem(HttpStatus.CONTENT_TOO_LARGE, "problem.outbox.title.tooLarge", UserText.of("problem.outbox.serverTooLarge",
                    String.valueOf(mime.length), mailbox.domain(), String.valueOf(serverSize.getAsLong())), null);
        }
        List<String> envelope = new ArrayList<>();
        for (List<InternetAddress> list : List.of(to, cc, bcc)) {
            for (InternetAddress a : list) if (!envelope.contains(a.getAddress())) envelope.add(a.getAddress());
        }
        return new Built(new OutboxContent(mailbox.address(), envelope, mime), messageId, sendAt, metadata);
    }

    /** The mailbox's own address, optionally with a display name; any other address is refused (no spoofed From). */
    private static InternetAddress from(@Nullable String value, ConnectedMailbox mailbox) {
        if (value == null || value.isBlank()) return address("from", mailbox.address(), null);
        InternetAddress parsed = one("from", value);
        if (!parsed.getAddress().equalsIgnoreCase(mailbox.address())) {
            throw OutboxProblem.invalid("from", "problem.outbox.from", mailbox.address());
        }
        return address("from", mailbox.address(), parsed.getPersonal());
    }

    private static List<InternetAddress> addresses(String field, @Nullable List<String> values) {
        List<InternetAddress> out = new ArrayList<>();
        if (values == null) return out;
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isBlank()) continue;
            out.add(one(field + "[" + i + "]", v));
        }
        return out;
    }

    private static InternetAddress one(String field, String value) {
        try {
            return MailAddresses.parse(field, value);
        } catch (IllegalArgumentException e) {
            throw OutboxProblem.refusedField(field, e); // compose.MailAddresses' reason
        }
    }

    private static InternetAddress address(String field, String address, @Nullable String name) {
        try {
            return MailAddresses.address(field, address, name);
        } catch (IllegalArgumentException e) {
            throw OutboxProblem.refusedField(field, e); // compose.MailAddresses' reason
        }
    }

    private static String checked(String field, @Nullable String value) {
        try {
            return MailAddresses.headerText(field, value);
        } catch (IllegalArgumentException e) {
            throw OutboxProblem.refusedField(field, e); // compose.MailAddresses' reason
        }
    }

    private static Map<String, String> headers(@Nullable Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers == null) return out;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            String field = "headers." + name;
            checked("headers", name);
            if (!ALLOWED_HEADERS.contains(name)) {
                throw OutboxProblem.invalid(field, "problem.outbox.header", name, String.join(", ", ALLOWED_HEADERS));
            }
            String value = checked(field, h.getValue());
            if (value.isBlank() || value.length() > MAX_HEADER_VALUE) {
                throw OutboxProblem.invalid(field, "problem.outbox.headerLength", field, String.valueOf(MAX_HEADER_VALUE));
            }
            out.put(name, value);
        }
        return out;
    }

    private static List<SendRequest.File> decode(@Nullable List<SendRequest.FileJson> files) {
        List<SendRequest.File> out = new ArrayList<>();
        if (files == null) return out;
        for (int i = 0; i < files.size(); i++) {
            SendRequest.FileJson f = files.get(i);
            String field = "attachments[" + i + "]";
            if (f == null || f.content() == null) throw OutboxProblem.invalid(field + ".content", "problem.outbox.noContent", field + ".content");
            byte[] content;
            try {
                content = Base64.getMimeDecoder().decode(f.content());
            } catch (IllegalArgumentException e) {
                throw OutboxProblem.invalid(field + ".content", "problem.outbox.base64", field + ".content");
            }
            out.add(new SendRequest.File(f.filename() == null ? "" : f.filename(),
                    f.contentType() == null ? "application/octet-stream" : f.contentType(), content, f.contentId()));
        }
        return out;
    }

    private void checkFiles(List<SendRequest.File> files) {
        if (files.size() > limits.maxAttachments()) {
            throw OutboxProblem.invalid("attachments", "problem.outbox.tooManyAttachments", String.valueOf(limits.maxAttachments()));
        }
        for (int i = 0; i < files.size(); i++) {
            SendRequest.File f = files.get(i);
            String field = "attachments[" + i + "]";
            String name = checked(field + ".filename", f.filename());
            if (name.isBlank() || name.length() > 255) throw OutboxProblem.invalid(field + ".filename", "problem.outbox.filename", field + ".filename");
            checked(field + ".contentType", f.contentType());
            try {
                new ContentType(f.contentType());
            } catch (ParseException e) {
                throw OutboxProblem.invalid(field + ".contentType", "problem.outbox.contentType", field + ".contentType", f.contentType());
            }
            if (f.contentId() != null && !CONTENT_ID.matcher(f.contentId()).matches()) {
                throw OutboxProblem.invalid(field + ".contentId", "problem.outbox.contentId", field + ".contentId");
            }
            if (f.content().length > limits.maxAttachmentSize().toBytes()) {
                throw new OutboxProblem(HttpStatus.CONTENT_TOO_LARGE, "problem.outbox.title.attachmentTooLarge", UserText.of(
                        "problem.outbox.attachmentTooLarge", field, name, String.valueOf(f.content().length),
                        String.valueOf(limits.maxAttachmentSize().toBytes())), field);
            }
        }
    }

    private Instant sendAt(@Nullable String value) {
        Instant now = clock.instant();
        if (value == null || value.isBlank()) return now;
        try {
            Instant at = Instant.parse(value);
            return at.isBefore(now) ? now : at;
        } catch (DateTimeParseException e) {
            throw OutboxProblem.invalid("sendAt", "problem.outbox.sendAt");
        }
    }

    private static @Nullable String metadata(@Nullable JsonNode metadata) {
        if (metadata == null || metadata.isNull()) return null;
        if (!metadata.isObject()) throw OutboxProblem.invalid("metadata", "problem.outbox.metadataObject");
        String text = metadata.toString();
        if (text.length() > MAX_METADATA_CHARS) {
            throw OutboxProblem.invalid("metadata", "problem.outbox.metadataLength", String.valueOf(MAX_METADATA_CHARS));
        }
        return text;
    }

    private byte[] mime(InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc, @Nullable InternetAddress replyTo,
                        String subject, @Nullable String text, @Nullable String html, Map<String, String> headers,
                        List<SendRequest.File> files, String messageId) {
        try {
            MimeMessage message = MimeMessages.withMessageId("<" + messageId + ">");
            message.setFrom(from);
            if (!to.isEmpty()) message.setRecipients(RecipientType.TO, to.toArray(InternetAddress[]::new));
            if (!cc.isEmpty()) message.setRecipients(RecipientType.CC, cc.toArray(InternetAddress[]::new));
            if (replyTo != null) message.setReplyTo(new InternetAddress[] {replyTo});
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            for (Map.Entry<String, String> h : headers.entrySet()) message.setHeader(h.getKey(), h.getValue());
            if (files.isEmpty()) {
                fill(message, text, html);
            } else {
                MimeBodyPart body = new MimeBodyPart();
                fill(body, text, html);
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(body);
                for (SendRequest.File f : files) mixed.addBodyPart(part(f));
                message.setContent(mixed);
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build the MIME message", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain text, HTML, or both as {@code multipart/alternative} (plain first), UTF-8. */
    private static void fill(MimePart target, @Nullable String text, @Nullable String html) throws MessagingException {
        String utf8 = StandardCharsets.UTF_8.name();
        boolean hasHtml = html != null && !html.isEmpty();
        boolean hasText = text != null && !text.isEmpty();
        if (!hasHtml) {
            target.setText(hasText ? text : "", utf8);
        } else if (!hasText) {
            target.setText(html, utf8, "html");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, utf8);
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, utf8, "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            target.setContent(alternative);
        }
    }

    private static MimeBodyPart part(SendRequest.File f) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(f.content(), f.contentType())));
        part.setFileName(f.filename());
        part.setDisposition(f.contentId() == null ? MimeBodyPart.ATTACHMENT : MimeBodyPart.INLINE);
        if (f.contentId() != null) part.setContentID("<" + f.contentId() + ">");
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }
}
