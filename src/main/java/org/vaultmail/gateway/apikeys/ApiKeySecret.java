package org.vaultmail.gateway.apikeys;

/**
 * A new API key in plain text, between its generation and the one answer that shows it. Never a record and no
 * {@code equals}: it prints as {@code [PROTECTED]}, and reading it needs the grep-able {@link #reveal()} (STYLE #3).
 */
final class ApiKeySecret {

    private final String key;

    ApiKeySecret(String key) {
        this.key = key;
    }

    /** The key itself: only for the creation answer. */
    String reveal() {
        return key;
    }

    String prefix() {
        return ApiKeyFormat.displayPrefix(key);
    }

    String digest() {
        return ApiKeyFormat.digest(key);
    }

    @Override
    public String toString() {
        return "[PROTECTED]";
    }
}
