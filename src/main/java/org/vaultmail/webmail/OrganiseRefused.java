package org.vaultmail.webmail;

/** An organise request the UI refuses before asking the server; {@code key} is the toast's message key. */
final class OrganiseRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    OrganiseRefused(String key) {
        super(key);
        this.key = key;
    }

    String key() {
        return key;
    }
}
