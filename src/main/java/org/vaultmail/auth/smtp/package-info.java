/**
 * A user's SMTP login where it differs from the IMAP one (ADR 0007), in one place: the store that seals it under
 * Argon2id(IMAP password) ({@link org.vaultmail.auth.smtp.SmtpCredentials}), the settings page and API that set,
 * test and clear it ({@link org.vaultmail.auth.smtp.SmtpSettings}), and the events they publish (the only types other
 * features see, {@code @NamedInterface("smtp")}). Sign-in opens the stored login once per session (ADR 0033).
 */
@NullMarked
package org.vaultmail.auth.smtp;

import org.jspecify.annotations.NullMarked;
