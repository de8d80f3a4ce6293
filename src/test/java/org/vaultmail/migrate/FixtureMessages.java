package org.vaultmail.migrate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Raw RFC 5322 messages for {@link MigrationFixture}, CRLF line ends throughout (Angus' APPEND would turn a bare LF into
 * CRLF, and the fixture wants the bytes the server stores to be the bytes it made), all content from one seeded
 * {@link Random}, so a seed gives the same bytes every time.
 */
final class FixtureMessages {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.ROOT);
    private static final String[] WORDS = ("migration mailbox folder archive invoice report quarterly project review "
            + "meeting budget summary draft contract thanks regards please attached schedule").split(" ");

    private final Random random;

    FixtureMessages(long seed) {
        this.random = new Random(seed);
    }

    /** Headers (each a full line without its CRLF) and a body, joined as the wire form. */
    static byte[] join(String headers, String body) {
        return (headers.replace("\n", "\r\n") + "\r\n" + body.replace("\r\n", "\n").replace("\n", "\r\n"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A plain text message; {@code messageId} null leaves the header out, {@code received} false too. */
    byte[] plain(String subject, Instant date, String messageId, boolean received, String body) {
        StringBuilder h = new StringBuilder();
        if (received) {
            h.append("Received: from mx.example.org (mx.example.org [192.0.2.7])\n\tby mail.example.test with ESMTPS\n\t; ")
                    .append(DATE.format(date.atOffset(ZoneOffset.UTC))).append('\n');
        }
        h.append("From: Fixture Sender <sender@example.org>\n")
                .append("To: Migration Owner <owner@example.test>\n")
                .append("Subject: ").append(subject).append('\n')
                .append("Date: ").append(DATE.format(date.atOffset(ZoneOffset.ofHours(2)))).append('\n');
        if (messageId != null) h.append("Message-ID: <").append(messageId).append(">\n");
        h.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n");
        return join(h.toString(), body);
    }

    /** Some lines of seeded text. */
    String text(int lines) {
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines; l++) {
            for (int w = 0; w < 10; w++) out.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            out.append('\n');
        }
        return out.toString();
    }

    /** A multipart message with a base64 attachment of {@code attachmentBytes} seeded random bytes (about 4/3 more on the wire). */
    byte[] withAttachment(String subject, Instant date, String messageId, int attachmentBytes) {
        byte[] data = new byte[attachmentBytes];
        random.nextBytes(data);
        String boundary = "fixture-" + Long.toHexString(random.nextLong());
        String headers = "From: Fixture Sender <sender@example.org>\nTo: Migration Owner <owner@example.test>\n"
                + "Subject: " + subject + "\nDate: " + DATE.format(date.atOffset(ZoneOffset.UTC)) + "\nMessage-ID: <"
                + messageId + ">\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\n";
        String body = "--" + boundary + "\nContent-Type: text/plain; charset=utf-8\n\n" + text(5)
                + "--" + boundary + "\nContent-Type: application/octet-stream; name=\"data.bin\"\n"
                + "Content-Disposition: attachment; filename=\"data.bin\"\nContent-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data) + "\n--" + boundary + "--\n";
        return join(headers, body);
    }
}
