package org.vaultmail.mail;

import java.util.List;

/** A message (by UID) and the replies to it, as IMAP THREAD=REFERENCES (RFC 5256) groups them. */
public record MessageThread(long uid, List<MessageThread> replies) {

    public MessageThread {
        replies = List.copyOf(replies);
    }
}
