package org.vaultmail.gateway.outbox.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

import org.vaultmail.oauth.ProviderKind;

/**
 * The send call of a provider's API for one message (ADR 0044): Gmail {@code users.messages.send} with
 * {@code {"raw": base64url(MIME)}} (a larger message as itself through the media upload endpoint), Graph {@code sendMail} with {@code text/plain} base64(MIME). Both take their
 * recipients from the message's headers, not an envelope: recipients of the outbox's envelope that no To or Cc header
 * names (the API's Bcc, which the outbox keeps out of the headers) are added as one {@code Bcc} header in front; the
 * providers deliver to them and strip the header. Otherwise the bytes are the outbox's MIME unchanged.
 *
 * @param uri         where to POST
 * @param contentType the body's type
 * @param body        the body; the caller wipes it after the call (it is the message)
 */
record ProviderApiRequest(URI uri, String contentType, byte[] body) {

    /**
     * Above this much MIME, Gmail gets the message through its media upload endpoint ({@code message/rfc822}, up to
     * 35 MB) instead of as base64url in JSON: Google names the JSON form and the simple upload for small requests
     * (about 5 MB), and base64 adds a third to the size.
     */
    static final int GMAIL_RAW_LIMIT = 3 * 1024 * 1024;

    static ProviderApiRequest of(ProviderKind kind, URI base, List<String> recipients, byte[] mime) {
        byte[] message = withBlindCopies(recipients, mime);
        try {
            return switch (kind) {
                case GOOGLE -> message.length > GMAIL_RAW_LIMIT
                        ? new ProviderApiRequest(resolve(base, "upload/gmail/v1/users/me/messages/send?uploadType=media"),
                                "message/rfc822", message == mime ? mime.clone() : message.clone())
                        : new ProviderApiRequest(resolve(base, "gmail/v1/users/me/messages/send"), "application/json",
                                gmail(message));
                case MICROSOFT -> new ProviderApiRequest(resolve(base, "v1.0/me/sendMail"), "text/plain",
                        Base64.getEncoder().encode(message));
                case GENERIC -> throw new IllegalArgumentException("a generic OAuth provider has no send API");
            };
        } finally {
            if (message != mime) Arrays.fill(message, (byte) 0);
        }
    }

    private static byte[] gmail(byte[] message) {
        byte[] raw = Base64.getUrlEncoder().encode(message);
        byte[] head = "{\"raw\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + raw.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(raw, 0, body, head.length, raw.length);
        System.arraycopy(tail, 0, body, head.length + raw.length, tail.length);
        Arrays.fill(raw, (byte) 0);
        return body;
    }

    private static URI resolve(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b + path : b + "/" + path);
    }

    /** The MIME with a {@code Bcc} header for envelope recipients no To/Cc header names; the same array when none. */
    static byte[] withBlindCopies(List<String> recipients, byte[] mime) {
        Set<String> named = named(mime);
        Set<String> blind = new LinkedHashSet<>();
        for (String r : recipients) if (!named.contains(r.toLowerCase(Locale.ROOT))) blind.add(r);
        if (blind.isEmpty()) return mime;
        ByteArrayOutputStream out = new ByteArrayOutputStream(mime.length + 64 * blind.size());
        out.writeBytes(("Bcc: " + String.join(",\r\n ", blind) + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(mime);
        return out.toByteArray();
    }

    private static Set<String> named(byte[] mime) {
        Set<String> named = new LinkedHashSet<>();
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(mime));
            for (String name : new String[] {"To", "Cc"}) {
                String[] values = headers.getHeader(name);
                if (values == null) continue;
                for (String v : values) {
                    for (InternetAddress a : InternetAddress.parseHeader(v, false)) {
                        if (a.getAddress() != null) named.add(a.getAddress().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (AddressException e) {
            // an unparsable header names nobody for sure: every envelope recipient goes into Bcc (the provider dedupes)
        } catch (MessagingException e) {
            throw new IllegalStateException("the outbox's MIME has no readable header", e);
        }
        return named;
    }

    @Override
    public String toString() {
        return "ProviderApiRequest[" + uri + ", " + contentType + ", " + body.length + " bytes]";
    }
}
