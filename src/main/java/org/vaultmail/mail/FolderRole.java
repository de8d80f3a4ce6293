package org.vaultmail.mail;

/** What a folder is for: from the server's SPECIAL-USE attributes, else from a well-known name. */
public enum FolderRole {
    INBOX, SENT, DRAFTS, TRASH, JUNK, ARCHIVE
}
