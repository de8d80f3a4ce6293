/**
 * Talking to the operator's mail servers. For now the IMAP bind that checks a password at sign-in
 * ({@link org.vaultmail.mail.MailAuthenticator}); the mail store, sender and connection pool follow.
 */
@NullMarked
package org.vaultmail.mail;

import org.jspecify.annotations.NullMarked;
