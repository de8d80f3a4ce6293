package org.vaultmail.auth;

/** Someone turned their second factor off (with a current code or a recovery code); published for the audit log. Holds no secret. */
public record MfaDisabled(long userId, String address) {
}
