/**
 * Talking to the operator's mail servers, behind ports: {@link org.vaultmail.mail.MailStore} (folders, pages,
 * messages, parts, search, flags, moves, appends) made by {@link org.vaultmail.mail.MailStoreFactory},
 * {@link org.vaultmail.mail.MailSender} (SMTP submission), {@link org.vaultmail.mail.MailAuthenticator} (the IMAP bind
 * that checks a password at sign-in, and the SMTP login check), {@link org.vaultmail.mail.FolderWatcher} (IDLE for
 * push), and {@link org.vaultmail.mail.MailConnections}, the per-session pool of open stores (ADR 0008): credentials
 * are unsealed only to (re)connect, and a revoked session's connections close. The value types ({@code FolderPath},
 * {@code MessageUid}, {@code MessagePage}, …) are what other features see; the Angus Mail adapters are in
 * {@code mail.internal}.
 */
@NullMarked
package org.vaultmail.mail;

import org.jspecify.annotations.NullMarked;
