package org.vaultmail.mail;

/** Orders of a message list, as IMAP SORT (RFC 5256) defines them. */
public enum Sort {
    /** The Date header (the arrival time when it has none). */
    DATE,
    /** The server's INTERNALDATE. */
    ARRIVAL,
    /** The mailbox (local part) of the first From address, case-insensitive. */
    FROM,
    /** The base subject (without Re:/Fwd: and the like), case-insensitive. */
    SUBJECT,
    /** RFC822.SIZE. */
    SIZE
}
