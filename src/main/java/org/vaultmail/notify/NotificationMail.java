package org.vaultmail.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * Composes a notification: plain text and the same paragraphs as simple HTML (texts and the date pattern
 * {@code notify.when} from the bundles, in the language the recipient chose in Settings, else English), From the configured sender, one recipient, Date, a Message-ID on
 * the configured domain that stays the same across attempts, and {@code Auto-Submitted: auto-generated}
 * (RFC 3834) so no auto-responder answers. It says what, when, by whom and what to do; nothing secret.
 */
final class NotificationMail {

    private final MessageSource messages;
    private final LongFunction<Locale> languageOf;
    private final String siteName;
    private final @Nullable String signInUrl;

    /** Every notification in English. */
    NotificationMail(MessageSource messages, String siteName, @Nullable String signInUrl) {
        this(messages, siteName, signInUrl, userId -> Locale.ENGLISH);
    }

    /** Each notification in the language {@code languageOf} gives for the recipient's user id. */
    NotificationMail(MessageSource messages, String siteName, @Nullable String signInUrl, LongFunction<Locale> languageOf) {
        this.messages = messages;
        this.languageOf = languageOf;
        this.siteName = NotificationServer.singleLine(siteName);
        this.signInUrl = signInUrl == null || signInUrl.isBlank() ? null : NotificationServer.singleLine(signInUrl);
    }

    MimeMessage compose(Session session, Notice n, InternetAddress from, InternetAddress to, String messageIdDomain,
                        Instant now) throws MessagingException {
        String messageId = "<" + n.id() + "@" + messageIdDomain + ">";
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, to);
        Locale locale = languageOf.apply(n.userId());
        m.setSubject(text(locale, "notify." + n.kind().key() + ".subject"), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(now));
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-Auto-Response-Suppress", "All");
        List<String> paragraphs = paragraphs(n, locale);
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(String.join("\n\n", paragraphs) + "\n", StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(paragraphs, locale), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    /** The body, paragraph by paragraph; every value in it is one line of plain text. */
    List<String> paragraphs(Notice n, Locale locale) {
        String key = "notify." + n.kind().key();
        String account = NotificationServer.singleLine(n.recipient());
        List<String> out = new ArrayList<>();
        out.add(text(locale, "notify.greeting"));
        String about = n.about() == null ? "" : NotificationServer.singleLine(n.about());
        String when = DateTimeFormatter.ofPattern(text(locale, "notify.when"), locale).withZone(ZoneOffset.UTC).format(n.occurredAt());
        out.add(text(locale, key + ".what", siteName, account, when, about));
        String operator = n.operator();
        if (!n.kind().bySystem()) {
            out.add(operator == null ? text(locale, "notify.bySelf") : text(locale, "notify.by", NotificationServer.singleLine(operator), siteName));
        }
        out.add(signInUrl == null ? text(locale, key + ".todo") : text(locale, key + ".todoAt", signInUrl));
        out.add(text(locale, key + ".unexpected"));
        out.add(text(locale, "notify.footer", siteName));
        return out;
    }

    private String html(List<String> paragraphs, Locale locale) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\"></head><body>\n");
        for (String p : paragraphs) b.append("<p>").append(HtmlUtils.htmlEscape(p, StandardCharsets.UTF_8.name())).append("</p>\n");
        return b.append("</body></html>\n").toString();
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
