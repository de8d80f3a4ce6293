package org.vaultmail.migrate.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A message's fingerprint: SHA-256 of its header section (Message-ID, Date, Received… are in it) and its size. The
 * same on both servers for a byte-identical copy, so it finds a copy made before a crash or by another tool without
 * fetching bodies. Trailing line ends are ignored: servers differ in whether BODY[HEADER] ends with the blank line.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** From a header section as BODY[HEADER] returns it. */
    public static String ofHeader(byte[] bytes, int offset, int length, long size) {
        int end = offset + length;
        while (end > offset && (bytes[end - 1] == '\r' || bytes[end - 1] == '\n')) end--;
        MessageDigest digest = sha256();
        digest.update(bytes, offset, end - offset);
        return HexFormat.of().formatHex(digest.digest(), 0, 16) + ":" + size;
    }

    /** From a whole raw message (or its first part, when it holds the whole header section). */
    public static String ofMessage(byte[] bytes, int offset, int length, long size) {
        return ofHeader(bytes, offset, headerLength(bytes, offset, length), size);
    }

    /** Length of the header section including the blank line; {@code length} when there is no body. */
    static int headerLength(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length - 1; i++) {
            if (bytes[i] == '\n') {
                if (bytes[i + 1] == '\n') return i + 2 - offset;
                if (bytes[i + 1] == '\r' && i + 2 < offset + length && bytes[i + 2] == '\n') return i + 3 - offset;
            }
        }
        return length;
    }

    /** Whether {@code length} bytes from {@code offset} hold the whole header section. */
    static boolean holdsHeader(byte[] bytes, int offset, int length) {
        return headerLength(bytes, offset, length) < length;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
