package org.vaultmail.oauth;

import java.util.Locale;

/** What a grant is for; each purpose has its own exact scopes ({@link OAuthScopes}) and client registration. */
public enum OAuthPurpose {
    /** A send-only connected mailbox of the gateway (Gmail API or Graph sendMail; no IMAP, no SMTP). */
    SEND,
    /** Sign-in to an OAuth domain: IMAP and SMTP with XOAUTH2 for the browser session. */
    MAIL,
    /** A migration job's source: IMAP with XOAUTH2, read only. */
    MIGRATION_SOURCE;

    /** Lower-case with dashes, as in registration ids ({@code google-migration-source}) and the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
