package org.vaultmail.gateway.outbox;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/outbox} (or its multipart {@code message} part): what to send through which
 * connected mailbox. Every field is checked by {@link OutboxMessageBuilder}; nothing here is trusted.
 */
record SendRequest(@Nullable String mailbox, @Nullable String from, @Nullable List<String> to, @Nullable List<String> cc,
                   @Nullable List<String> bcc, @Nullable String replyTo, @Nullable String subject, @Nullable String text,
                   @Nullable String html, @Nullable Map<String, String> headers, @Nullable List<FileJson> attachments,
                   @Nullable String sendAt, @Nullable JsonNode metadata) {

    /** An attachment in the JSON body: {@code content} is base64; with a {@code contentId} it is inline. */
    record FileJson(@Nullable String filename, @Nullable String contentType, @Nullable String content,
                    @Nullable String contentId) {
    }

    /** An attachment after decoding (from JSON or a multipart file part). */
    record File(String filename, String contentType, byte[] content, @Nullable String contentId) {
        @Override
        public String toString() {
            return "File[" + content.length + " bytes]";
        }
    }

    @Override
    public String toString() {
        return "SendRequest[mailbox=" + mailbox + "]"; // never the content
    }
}
