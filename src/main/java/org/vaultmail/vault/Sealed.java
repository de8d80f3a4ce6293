package org.vaultmail.vault;

/**
 * A ciphertext as Tink writes it (0x01 ‖ 4-byte key id ‖ 12-byte IV ‖ ciphertext ‖ 16-byte tag)
 * and the id of the data key that sealed it (unsigned 32-bit, stored in a key id column).
 */
public record Sealed(byte[] ciphertext, long keyId) {

    public Sealed {
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sealed s && s.keyId == keyId && java.util.Arrays.equals(s.ciphertext, ciphertext);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(ciphertext) * 31 + Long.hashCode(keyId);
    }

    @Override
    public String toString() {
        return "Sealed[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
}
