/**
 * Writing mail: the compose model and its MIME form ({@link org.vaultmail.compose.MimeComposer}), replies and
 * forwards, drafts in the IMAP Drafts folder, and the send pipeline (ADR 0017: drafts first, undo delay,
 * idempotency keys, Sent append) over the {@link org.vaultmail.mail.MailSender} port; the JSON API under
 * {@code /api/v1/messages} and {@code /api/v1/drafts}, address autocomplete, and the composer page, whose form posts
 * to {@code /compose/*} answer HTML fragments through the same services (ADR 0057).
 */
@NullMarked
package org.vaultmail.compose;

import org.jspecify.annotations.NullMarked;
