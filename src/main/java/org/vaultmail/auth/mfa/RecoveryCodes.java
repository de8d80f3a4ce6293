package org.vaultmail.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ten single-use recovery codes of 10 base32 characters (50 random bits) shown as {@code XXXXX-XXXXX}.
 * Stored as SHA-256 only: with 50 random bits a fast hash is enough (ADR 0006), no salt or Argon2 needed.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] raw = new byte[7];
            RANDOM.nextBytes(raw);
            String text = Base32.encode(raw).substring(0, 10);
            codes.add(text.substring(0, 5) + "-" + text.substring(5));
        }
        return codes;
    }

    /** Whether {@code input} looks like a recovery code (so it is not mistaken for a TOTP code). */
    static boolean looksLikeOne(String input) {
        return canonical(input).length() == 10;
    }

    static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical(code).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Upper case, without spaces and dashes: what the user types may differ in those. */
    private static String canonical(String input) {
        return input.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
