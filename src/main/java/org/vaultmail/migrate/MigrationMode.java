package org.vaultmail.migrate;

import java.util.Locale;

/** {@code copy} adds what the destination is missing; {@code mirror} also removes what the source no longer has. */
public enum MigrationMode {
    COPY, MIRROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MigrationMode of(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "copy" -> COPY;
            case "mirror" -> MIRROR;
            default -> throw new IllegalArgumentException("mode must be copy or mirror, not '" + label + "'");
        };
    }
}
