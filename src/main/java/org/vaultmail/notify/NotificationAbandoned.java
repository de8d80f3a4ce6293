package org.vaultmail.notify;

/**
 * A notification was given up: {@code reason} is {@code max_attempts} (the server stayed unreachable or kept
 * refusing) or {@code invalid_recipient}; {@code lastError} a failure's kind (exception class or SMTP code),
 * never a server's text. Published for the audit log.
 */
public record NotificationAbandoned(String id, String kind, String recipient, int attempts, String reason, String lastError) {
}
