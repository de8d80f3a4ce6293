package org.vaultmail.compose;

/** Byte counts of attachments once encoded (for people: {@link org.vaultmail.i18n.ByteSizes}). */
final class Sizes {

    private Sizes() {
    }

    /** Bytes a file takes in a message once base64-encoded (76-character lines with CRLF). */
    static long encoded(long bytes) {
        long base64 = (bytes + 2) / 3 * 4;
        return base64 + base64 / 76 * 2;
    }
}
