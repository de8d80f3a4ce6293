package org.vaultmail.vault;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A column that holds sealed values, declared by its feature as a {@code @Bean}. Key management
 * collects all of them, so status, rewrap and retire cover every feature without changes.
 * The names go into SQL, hence the strict identifier check.
 */
public record SealedColumn(String table, String idColumn, String ciphertextColumn, String keyIdColumn,
                           @Nullable String ownerColumn, Purpose purpose) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SealedColumn {
        check("table", table);
        check("idColumn", idColumn);
        check("ciphertextColumn", ciphertextColumn);
        check("keyIdColumn", keyIdColumn);
        if (ownerColumn != null) check("ownerColumn", ownerColumn);
        if (purpose == null) throw new IllegalArgumentException("SealedColumn " + table + ": purpose missing");
    }

    /** The associated data for one row of this column. */
    public SealedLocation location(Object rowId, @Nullable Object owner) {
        return SealedLocation.of(table, ciphertextColumn, rowId, owner);
    }

    /** {@code table.column}, for reports. */
    public String qualifiedName() {
        return table + "." + ciphertextColumn;
    }

    private static void check(String what, @Nullable String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("SealedColumn " + what + " must match [a-z_][a-z0-9_]*, not '" + name + "'");
        }
    }
}
