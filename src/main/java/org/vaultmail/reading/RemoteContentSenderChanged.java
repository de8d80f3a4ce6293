package org.vaultmail.reading;

/**
 * A user added a sender to "always show remote content" ({@code trusted}) or removed one; published for
 * the audit log. Holds the sender's address, no message content.
 */
public record RemoteContentSenderChanged(long userId, String address, String sessionId, String sender, boolean trusted) {
}
