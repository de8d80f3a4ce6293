/**
 * The operator's map of mail domains to servers ({@code vaultmail.domains}): validated at start-up (a bad entry is a
 * report naming its property, not a stack trace), looked up by {@link org.vaultmail.account.MailServerDirectory} from
 * the domain of an address, so users never name a host (no SSRF), with each domain's trust store; and
 * {@link org.vaultmail.account.SmtpLogin}, the closeable SMTP login that prints its username only. Depends on nothing
 * but {@code vault}.
 */
@NullMarked
package org.vaultmail.account;

import org.jspecify.annotations.NullMarked;
