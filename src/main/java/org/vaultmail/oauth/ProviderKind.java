package org.vaultmail.oauth;

/** The family of a provider: decides the scopes of each feature and, for sending, the API used. */
public enum ProviderKind {
    /** Google accounts and Workspace: Gmail API {@code users.messages.send}, IMAP/SMTP with {@code https://mail.google.com/}. */
    GOOGLE,
    /** Microsoft 365: Graph {@code sendMail}, IMAP/SMTP with the {@code outlook.office.com} scopes. */
    MICROSOFT,
    /** Any authorization server whose IMAP/SMTP servers accept XOAUTH2 with the scopes the operator configures. */
    GENERIC
}
