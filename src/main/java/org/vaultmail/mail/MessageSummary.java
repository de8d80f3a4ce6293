package org.vaultmail.mail;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One row of a message list, from ENVELOPE, FLAGS, RFC822.SIZE and BODYSTRUCTURE. {@code preview}
 * is the start of the text (at most about 160 characters, whitespace collapsed), or null when the
 * message has no text part or previews are off.
 */
public record MessageSummary(MessageUid uid, String subject, @Nullable EmailAddress from, @Nullable Instant date,
                             long size, Set<MessageFlag> flags, boolean hasAttachments, @Nullable String preview) {
}
