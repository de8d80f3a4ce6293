package org.vaultmail.mail;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A message's headers and body structure, without any part's content. */
public record MessageDetail(MessageUid uid, String subject, List<EmailAddress> from, List<EmailAddress> to,
                            List<EmailAddress> cc, @Nullable Instant date, @Nullable String messageId, long size,
                            Set<MessageFlag> flags, MessagePart body) {
}
