package org.vaultmail.notify;

/**
 * A notification was accepted by the notification SMTP server; published for the audit log.
 * {@code kind}: {@code mfa_reset}, {@code sessions_ended}, {@code mfa_added}, {@code mfa_removed} or
 * {@code recovery_codes_replaced}. No secret, no message text.
 */
public record NotificationDelivered(String id, String kind, String recipient, int attempts) {
}
