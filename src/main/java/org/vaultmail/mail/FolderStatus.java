package org.vaultmail.mail;

import org.jspecify.annotations.Nullable;

/**
 * A folder's counters from IMAP STATUS, read without selecting it. {@code highestModSeq} is null when
 * the server has no CONDSTORE; it changes whenever a message of the folder changes (flags included).
 */
public record FolderStatus(FolderPath folder, int messages, int unseen, long uidNext, long uidValidity,
                           @Nullable Long highestModSeq) {
}
