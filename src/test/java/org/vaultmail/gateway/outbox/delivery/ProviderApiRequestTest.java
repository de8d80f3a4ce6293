package org.vaultmail.gateway.outbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaultmail.oauth.ProviderKind;

/** The send API requests (ADR 0044) and {@code Retry-After}: no server needed. */
class ProviderApiRequestTest {

    static final byte[] MIME = ("From: a@gmail.test\r\nTo: \"Bob\" <Bob@Example.net>, carol@example.net\r\nCc: dan@example.net\r\n"
            + "Subject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);

    @Test
    void gmailGetsRawBase64urlAtItsSendPath() {
        ProviderApiRequest r = ProviderApiRequest.of(ProviderKind.GOOGLE, URI.create("https://gmail.googleapis.com"),
                List.of("bob@example.net"), MIME);
        assertThat(r.uri()).hasToString("https://gmail.googleapis.com/gmail/v1/users/me/messages/send");
        assertThat(r.contentType()).isEqualTo("application/json");
        String json = new String(r.body(), StandardCharsets.US_ASCII);
        assertThat(json).startsWith("{\"raw\":\"").endsWith("\"}");
        assertThat(Base64.getUrlDecoder().decode(json.substring(8, json.length() - 2))).isEqualTo(MIME);
    }

    @Test
    void gmailGetsALargerMessageAsItselfAtTheMediaUploadEndpointInACopyTheCallerMayWipe() {
        byte[] large = new byte[ProviderApiRequest.GMAIL_RAW_LIMIT + 1];
        System.arraycopy(MIME, 0, large, 0, MIME.length);
        java.util.Arrays.fill(large, MIME.length, large.length, (byte) 'x');
        byte[] before = large.clone();
        ProviderApiRequest r = ProviderApiRequest.of(ProviderKind.GOOGLE, URI.create("https://gmail.googleapis.com/"),
                List.of("bob@example.net"), large);
        assertThat(r.uri()).hasToString("https://gmail.googleapis.com/upload/gmail/v1/users/me/messages/send?uploadType=media");
        assertThat(r.contentType()).isEqualTo("message/rfc822");
        assertThat(r.body()).isEqualTo(before).isNotSameAs(large);
        java.util.Arrays.fill(r.body(), (byte) 0);
        assertThat(large).as("wiping the request leaves the outbox's copy").isEqualTo(before);

        byte[] limit = java.util.Arrays.copyOf(large, ProviderApiRequest.GMAIL_RAW_LIMIT);
        assertThat(ProviderApiRequest.of(ProviderKind.GOOGLE, URI.create("https://gmail.googleapis.com/"), List.of("bob@example.net"),
                limit).contentType()).as("up to the limit, the JSON form").isEqualTo("application/json");
    }

    @Test
    void graphGetsBase64TextPlainAtSendMail() {
        ProviderApiRequest r = ProviderApiRequest.of(ProviderKind.MICROSOFT, URI.create("https://graph.microsoft.com/"),
                List.of("dan@example.net"), MIME);
        assertThat(r.uri()).hasToString("https://graph.microsoft.com/v1.0/me/sendMail");
        assertThat(r.contentType()).isEqualTo("text/plain");
        assertThat(Base64.getDecoder().decode(r.body())).isEqualTo(MIME);
    }

    @Test
    void envelopeRecipientsNoHeaderNamesBecomeOneBccHeaderInFront() {
        assertThat(ProviderApiRequest.withBlindCopies(List.of("bob@example.net", "carol@example.net", "dan@example.net"), MIME))
                .as("everyone named (case-insensitively): the same bytes").isSameAs(MIME);
        byte[] withBcc = ProviderApiRequest.withBlindCopies(List.of("bob@example.net", "eve@example.net", "fay@example.net"), MIME);
        assertThat(new String(withBcc, StandardCharsets.UTF_8))
                .isEqualTo("Bcc: eve@example.net,\r\n fay@example.net\r\n" + new String(MIME, StandardCharsets.UTF_8));
    }

    @Test
    void retryAfterTakesSecondsOrADateAndIsCapped() {
        Instant now = Instant.parse("2026-12-06T08:00:00Z");
        assertThat(RetryAfter.parse("120", now)).isEqualTo(now.plusSeconds(120));
        assertThat(RetryAfter.parse("Sun, 06 Dec 2026 08:05:00 GMT", now)).isEqualTo(now.plusSeconds(300));
        assertThat(RetryAfter.parse("Sun, 06 Dec 2026 07:00:00 GMT", now)).isEqualTo(now);
        assertThat(RetryAfter.parse("99999999999", now)).isEqualTo(now.plus(RetryAfter.MAX));
        assertThat(RetryAfter.parse("86400", now)).isEqualTo(now.plus(RetryAfter.MAX));
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
    }
}
