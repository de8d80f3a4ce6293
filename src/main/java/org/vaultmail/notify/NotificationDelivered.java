package org.vaultmail.notify;

/**
 * A notification was accepted by the notification SMTP server; published for the audit log.
 * {@code kind}: {@code mfa_reset} or {@code sessions_ended}. No secret, no message text.
 */
public record NotificationDelivered(String id, String kind, String recipient, int attempts) {
}
