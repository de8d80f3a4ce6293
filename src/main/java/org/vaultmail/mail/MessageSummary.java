package org.vaultmail.mail;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One row of a message list, from ENVELOPE, FLAGS, RFC822.SIZE and BODYSTRUCTURE. {@code preview}
 * is null for now (Dovecot's PREVIEW is not used yet).
 */
public record MessageSummary(MessageUid uid, String subject, @Nullable EmailAddress from, @Nullable Instant date,
                             long size, Set<MessageFlag> flags, boolean hasAttachments, @Nullable String preview) {
}
