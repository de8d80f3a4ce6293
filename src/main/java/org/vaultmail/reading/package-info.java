/**
 * Reading mail for the signed-in user: the {@link org.vaultmail.reading.Mailbox} service over the session's
 * pooled IMAP connections, and {@link org.vaultmail.reading.MailboxChanges}, one method per change that organising and
 * writing make (no caller runs arbitrary store code; both go through the package-private {@code SessionStores}), rendering a message (charset decoding, HTML sanitising, cid images, remote-content
 * blocking) and the JSON API under {@code /api/v1/folders}. The web UI calls the same service.
 */
@NullMarked
package org.vaultmail.reading;

import org.jspecify.annotations.NullMarked;
