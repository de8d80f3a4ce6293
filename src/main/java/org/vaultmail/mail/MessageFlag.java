package org.vaultmail.mail;

/** The IMAP system flags a user can see or change. */
public enum MessageFlag {
    SEEN, FLAGGED, ANSWERED, DRAFT, DELETED
}
