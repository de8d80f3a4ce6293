package org.vaultmail.mail;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One node of a message's body structure. {@code partId} is the IMAP section ("1", "2.1"; the body of
 * a single-part message is "1", the root of a multipart message is "TEXT" and cannot be streamed).
 * A multipart lists its parts; an attached message ({@code message/rfc822}) lists its body: "3.1"
 * when that is a single part, else a multipart "3.TEXT" holding "3.1", "3.2"….
 * {@code size} is the encoded size the server reports.
 */
public record MessagePart(String partId, String contentType, @Nullable String charset, long size,
                          @Nullable String filename, @Nullable String disposition, @Nullable String contentId,
                          List<MessagePart> children) {

    /** An attachment: not a multipart, and a filename or an {@code attachment} disposition. */
    public boolean isAttachment() {
        return !contentType.startsWith("multipart/") && (filename != null || "attachment".equalsIgnoreCase(disposition));
    }
}
