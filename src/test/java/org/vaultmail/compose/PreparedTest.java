package org.vaultmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks and MIME form of a letter, without any server. */
class PreparedTest {

    static final Identity ME = new Identity("me@example.test", "Zoë Müller", null);
    final MimeComposer composer = new MimeComposer(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), null);

    static Letter letter(String subject, List<String> to, List<Attachment> files) {
        return new Letter(null, to, List.of(), List.of(), subject, "Hello", null, null, List.of(), files, null);
    }

    static Prepared prepare(Letter letter) {
        return Prepared.of(letter, ME, 1_000_000, 2_000_000, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi\r\nBcc: victim@example.org", "Hi\nX: y", "Hi\rthere", "Hi\0there"})
    void subjectWithLineBreakOrNulIsRefusedNamingTheField(String subject) {
        assertThatThrownBy(() -> prepare(letter(subject, List.of("a@example.org"), List.of())))
                .isInstanceOf(ComposeException.class).extracting(e -> ((ComposeException) e).field()).isEqualTo("subject");
    }

    @Test
    void recipientNameWithLineBreakIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> prepare(letter("s", List.of("ok@example.org", "\"Eve\r\nBcc: x@evil.test\" <eve@example.org>"), List.of())))
                .isInstanceOf(ComposeException.class).extracting(e -> ((ComposeException) e).field()).isEqualTo("to[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-address", "a@", "@example.org", "a@b@c", "x@example.org, y@example.org", "a..b@example.org", "grp: a@example.org;"})
    void badAddressesAreRefusedNamingTheField(String address) {
        assertThatThrownBy(() -> prepare(letter("s", List.of(address), List.of())))
                .isInstanceOf(ComposeException.class).extracting(e -> ((ComposeException) e).field()).isEqualTo("to[0]");
    }

    @Test
    void filenameWithLineBreakIsRefused() {
        Attachment evil = new Attachment("a.txt\r\nContent-Type: text/html", "text/plain", new byte[] {1});
        assertThatThrownBy(() -> prepare(letter("s", List.of("a@example.org"), List.of(evil))))
                .isInstanceOf(ComposeException.class).extracting(e -> ((ComposeException) e).field()).isEqualTo("attachments[0].filename");
    }

    @Test
    void identityDisplayNameWithLineBreakIsRefused() {
        Identity evil = new Identity("me@example.test", "Me\r\nBcc: all@example.org", null);
        assertThatThrownBy(() -> Prepared.of(letter("s", List.of("a@example.org"), List.of()), evil, 10, 10, true))
                .isInstanceOf(ComposeException.class).extracting(e -> ((ComposeException) e).field()).isEqualTo("from.name");
    }

    @Test
    void fileOverTheLimitIsTooLarge() {
        Attachment big = new Attachment("big.bin", "application/octet-stream", new byte[1_000_001]);
        assertThatThrownBy(() -> prepare(letter("s", List.of("a@example.org"), List.of(big)))).isInstanceOf(TooLargeException.class);
    }

    @Test
    void noRecipientIsRefusedOnTo() {
        assertThatThrownBy(() -> prepare(letter("s", List.of(), List.of())))
                .isInstanceOf(ComposeException.class).extracting(e -> ((ComposeException) e).field()).isEqualTo("to");
    }

    @Test
    void nonAsciiSubjectNamesAndFilenamesAreEncodedAndRoundTrip() throws Exception {
        byte[] pdf = "%PDF-1.4 ä".getBytes(StandardCharsets.ISO_8859_1);
        Letter l = new Letter(null, List.of("Jürgen Groß <juergen@example.org>"), List.of(), List.of("hidden@example.org"),
                "Grüße – 日本語", "Text ä", "<p>Text ä</p>", "<orig@example.org>", List.of("<a@example.org>", "<orig@example.org>"),
                List.of(new Attachment("Rechnung März 2026 – übersicht.pdf", "application/pdf", pdf)), null);
        byte[] raw = composer.compose(prepare(l), "<id1@example.test>", MimeComposer.Variant.SEND);
        String head = new String(raw, StandardCharsets.US_ASCII);
        assertThat(head).contains("Subject: =?UTF-8?").doesNotContain("Grüße").doesNotContain("Bcc:").doesNotContain("hidden@");
        assertThat(head).contains("filename*=UTF-8''Rechnung%20M%C3%A4rz");
        assertThat(head).contains("Message-ID: <id1@example.test>").contains("In-Reply-To: <orig@example.org>");
        for (byte b : raw) assertThat(b & 0xff).isLessThan(128); // 7-bit clean on the wire

        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(m.getSubject()).isEqualTo("Grüße – 日本語");
        assertThat(m.getFrom()[0].toString()).contains("=?UTF-8?");
        assertThat(((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Zoë Müller");
        assertThat(m.getHeader("Date")).isNotNull();
        assertThat(m.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) m.getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        Part file = mixed.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("Rechnung März 2026 – übersicht.pdf");
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);

        byte[] copy = composer.compose(prepare(l), "<id1@example.test>", MimeComposer.Variant.SENT_COPY);
        assertThat(new String(copy, StandardCharsets.US_ASCII)).contains("Bcc: hidden@example.org");
    }

    @Test
    void messageIdIsOnTheSendersDomainOrTheConfiguredOne() throws Exception {
        var from = Recipients.address("from", "me@Example.Test", null);
        assertThat(composer.newMessageId(from)).matches("<[0-9a-f]{32}@example\\.test>");
        assertThat(new MimeComposer(Clock.systemUTC(), "mail.vaultmail.example").newMessageId(from)).endsWith("@mail.vaultmail.example>");
    }

    @Test
    void draftRoundTripsThroughTheParser() {
        Letter l = new Letter(null, List.of("A <a@example.org>"), List.of("c@example.org"), List.of("b@example.org"), "Draft ü", "Body\nline 2",
                null, null, List.of(), List.of(new Attachment("x.bin", "application/octet-stream", new byte[] {0, 1, 2, (byte) 255})),
                new Letter.Original("Archive/2024", 42, Letter.Kind.REPLY));
        Prepared p = Prepared.of(l, ME, 100, 100, false);
        DraftParser.Parsed parsed = DraftParser.parse(composer.compose(p, "<d@example.test>", MimeComposer.Variant.DRAFT));
        assertThat(parsed.messageId()).isEqualTo("<d@example.test>");
        Letter back = parsed.letter();
        assertThat(back.to()).containsExactly("A <a@example.org>");
        assertThat(back.cc()).containsExactly("c@example.org");
        assertThat(back.bcc()).containsExactly("b@example.org");
        assertThat(back.subject()).isEqualTo("Draft ü");
        assertThat(back.text().replace("\r\n", "\n")).isEqualTo("Body\nline 2");
        assertThat(back.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("x.bin");
            assertThat(a.content()).containsExactly(0, 1, 2, 255);
        });
        assertThat(back.original()).isEqualTo(new Letter.Original("Archive/2024", 42, Letter.Kind.REPLY));
    }

    @Test
    void markdownEscapesRawHtmlAndQuotesBecomeBlockquotes() {
        String html = Markdown.toHtml("**bold** <script>alert(1)</script>\n\n> quoted\n\n[x](javascript:alert(1))");
        assertThat(html).contains("<strong>bold</strong>").contains("&lt;script&gt;").contains("<blockquote>").doesNotContain("javascript:");
    }
}
