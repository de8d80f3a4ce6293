package org.vaultmail.auth.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/** Random secrets, their url-safe text form and their SHA-256 hashes. */
public final class Randoms {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Randoms() {
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public static String text(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The bytes of a url-safe base64 text, or null when it is not one of {@code expectedLength} bytes. */
    public static byte @Nullable [] parse(@Nullable String text, int expectedLength) {
        if (text == null || text.length() > 2 * expectedLength) return null;
        try {
            byte[] b = Base64.getUrlDecoder().decode(text);
            return b.length == expectedLength ? b : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new session id: 128 random bits, 22 url-safe characters. */
    public static String sessionId() {
        return text(bytes(16));
    }
}
