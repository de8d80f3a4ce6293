package org.vaultmail.vault;

import java.util.Locale;

/** What a ciphertext protects; each purpose seals under its own HKDF-derived subkeys. */
public enum Purpose {
    CREDENTIALS, SESSION, TOTP, AUDIT,
    /** Stored message content (the outbox's queued MIME): personal data at rest, kept apart from credentials. */
    MESSAGES;

    /** HKDF info string; changing it makes every existing ciphertext of this purpose unreadable. */
    public String hkdfInfo() {
        return "vaultmail/v1/" + name();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
