package org.vaultmail.vault;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a ciphertext lives: table, column, row id and (optionally) owner. Bound into the
 * ciphertext as associated data, so a ciphertext moved anywhere else no longer decrypts (G5).
 */
public record SealedLocation(String table, String column, String rowId, @Nullable String owner) {

    public SealedLocation {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(rowId, "rowId");
    }

    public static SealedLocation of(String table, String column, long rowId, @Nullable String owner) {
        return new SealedLocation(table, column, Long.toString(rowId), owner);
    }

    public static SealedLocation of(String table, String column, Object rowId, @Nullable Object owner) {
        return new SealedLocation(table, column, String.valueOf(rowId), owner == null ? null : String.valueOf(owner));
    }

    /**
     * Unambiguous encoding: a version tag, then each component as a 4-byte length and its UTF-8
     * bytes (length -1 for "no owner"), so no two different locations share an encoding.
     */
    public byte[] associatedData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        component(out, "vaultmail-ad-v1");
        component(out, table);
        component(out, column);
        component(out, rowId);
        component(out, owner);
        return out.toByteArray();
    }

    /** For messages: {@code users.smtp_password row 42} (the owner is left out on purpose). */
    public String describe() {
        return table + "." + column + " row " + rowId;
    }

    private static void component(ByteArrayOutputStream out, @Nullable String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
