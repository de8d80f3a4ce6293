package org.vaultmail.reading;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.vaultmail.mail.MessageDetail;
import org.vaultmail.mail.MessagePart;

/**
 * A message ready to show: its headers, the plain-text body (as text), the HTML body after sanitising
 * (null when the message has none), its attachments, and whether remote content was blocked.
 * {@code truncated} is true when a body was larger than the display limit and was cut.
 */
public record MessageView(MessageDetail detail, @Nullable String text, @Nullable String html, List<MessagePart> attachments,
                          boolean remoteContentBlocked, boolean remoteContentShown, boolean truncated) {

    public MessageView {
        attachments = List.copyOf(attachments);
    }
}
