package org.vaultmail.mail;

/**
 * A body part's content, transfer-decoded, cut at the limit the caller gave; {@code truncated} when the
 * part is longer. Not for attachments (those are streamed).
 */
public record PartContent(byte[] bytes, boolean truncated) {
}
