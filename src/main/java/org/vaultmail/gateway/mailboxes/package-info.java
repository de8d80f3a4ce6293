/**
 * Connected mailboxes (issue 13 item 1, ADR 0035, 0044): logins kept at rest, sealed under the master keyset in
 * {@code connected_mailboxes} and bound to row and owner (G5, G12), or an OAuth grant for send-only mailboxes; the
 * settings page and API that connect (after a successful test), test, replace and disconnect; each state change one
 * conditional UPDATE; and {@link org.vaultmail.gateway.mailboxes.ConnectedMailboxes}, the one place a stored credential
 * is unsealed, for one SMTP or IMAP session. No credential is ever returned or printed. Other modules see the types
 * marked {@code @NamedInterface("mailboxes")}.
 */
@NullMarked
package org.vaultmail.gateway.mailboxes;

import org.jspecify.annotations.NullMarked;
