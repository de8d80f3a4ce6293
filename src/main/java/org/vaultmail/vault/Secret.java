package org.vaultmail.vault;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A password, token or key in memory. Copies bytes in and out, compares in constant time, prints
 * as {@code [PROTECTED]}, has no {@code equals}/{@code hashCode}, and zeroes itself on
 * {@link #close()}. Reading the plaintext needs a grep-able {@code reveal…} call (STYLE #3, #4).
 */
public final class Secret implements AutoCloseable {

    private final byte[] bytes;
    private volatile boolean destroyed;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; the caller may (and should) wipe its own array afterwards. */
    public static Secret copyOf(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /** UTF-8 bytes of {@code chars}; the caller may wipe its array afterwards. */
    public static Secret ofChars(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        if (encoded.hasArray()) Arrays.fill(encoded.array(), (byte) 0);
        return new Secret(out);
    }

    /** UTF-8 bytes of {@code text}. Strings cannot be wiped: prefer {@link #ofChars} where the source allows. */
    public static Secret ofUtf8(String text) {
        return new Secret(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes ownership of {@code bytes} without copying (for freshly generated material). */
    static Secret adopt(byte[] bytes) {
        return new Secret(bytes);
    }

    /** A copy of the plaintext bytes; wipe it when done. */
    public byte[] revealBytes() {
        checkAlive();
        return bytes.clone();
    }

    /** The plaintext as UTF-8 text, for APIs that only take a String (e.g. JavaMail's PasswordAuthentication). */
    public String revealUtf8() {
        checkAlive();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The plaintext as chars; wipe the array when done. */
    public char[] revealChars() {
        checkAlive();
        CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        char[] out = new char[decoded.remaining()];
        decoded.get(out);
        if (decoded.hasArray()) Arrays.fill(decoded.array(), '\0');
        return out;
    }

    public int length() {
        return bytes.length;
    }

    /** Constant-time comparison of the contents. */
    public boolean sameAs(Secret other) {
        checkAlive();
        other.checkAlive();
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** Zeroes the bytes; any later read fails. */
    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public String toString() {
        return "[PROTECTED]";
    }

    private void checkAlive() {
        if (destroyed) throw new IllegalStateException("Secret already destroyed");
    }
}
