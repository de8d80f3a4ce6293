package org.vaultmail.compose;

import java.util.Locale;

/** Byte counts for people. */
final class Sizes {

    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes >= 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        if (bytes >= 1024) return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        return bytes + " bytes";
    }

    /** Bytes a file takes in a message once base64-encoded (76-character lines with CRLF). */
    static long encoded(long bytes) {
        long base64 = (bytes + 2) / 3 * 4;
        return base64 + base64 / 76 * 2;
    }
}
