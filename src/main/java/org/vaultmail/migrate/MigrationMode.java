package org.vaultmail.migrate;

import java.util.Locale;

import org.vaultmail.i18n.InputRefused;

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
            default -> throw InputRefused.of("input.migrate.mode", label);
        };
    }
}
