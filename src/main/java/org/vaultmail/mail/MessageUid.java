package org.vaultmail.mail;

import java.util.Objects;

/** A message's identity that survives reconnects: folder, the folder's UIDVALIDITY, and the UID. */
public record MessageUid(FolderPath folder, long uidValidity, long uid) {

    public MessageUid {
        Objects.requireNonNull(folder, "folder");
        if (uidValidity <= 0 || uidValidity > 0xFFFF_FFFFL) throw new IllegalArgumentException("UIDVALIDITY is a non-zero 32-bit number");
        if (uid <= 0 || uid > 0xFFFF_FFFFL) throw new IllegalArgumentException("A UID is a non-zero 32-bit number");
    }

    public static MessageUid of(FolderPath folder, long uidValidity, long uid) {
        return new MessageUid(folder, uidValidity, uid);
    }

    /** {@code <uidvalidity>:<uid>}, e.g. for a URL next to the folder. */
    public String asString() {
        return uidValidity + ":" + uid;
    }
}
