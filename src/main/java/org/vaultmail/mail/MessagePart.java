package org.vaultmail.mail;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One node of a message's body structure. {@code partId} is the IMAP section ("1", "2.1"; the body of
 * a single-part message is "1", the root of a multipart message is "TEXT" and cannot be streamed); a
 * multipart's children are listed, an attached message ({@code message/rfc822}) is a leaf for now.
 * {@code size} is the encoded size the server reports.
 */
public record MessagePart(String partId, String contentType, @Nullable String charset, long size,
                          @Nullable String filename, @Nullable String disposition, @Nullable String contentId,
                          List<MessagePart> children) {

    /** An attachment: a leaf with a filename or an {@code attachment} disposition. */
    public boolean isAttachment() {
        return children.isEmpty() && (filename != null || "attachment".equalsIgnoreCase(disposition));
    }
}
