package org.vaultmail.gateway.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The API key's wire format (ADR 0036): {@code vmk_}, 30 random base62 characters (≈ 178 bits from
 * {@link SecureRandom}) and a 6-character base62 CRC32 of everything before it, like GitHub's tokens. The checksum lets
 * a secret scanner, and {@link #wellFormed}, tell a key from a typo or a truncation without any lookup. Only the
 * SHA-256 {@link #digest} and the {@link #displayPrefix} are ever stored.
 */
final class ApiKeyFormat {

    static final String PREFIX = "vmk_";
    static final int RANDOM_CHARS = 30;
    static final int CHECKSUM_CHARS = 6;
    static final int LENGTH = PREFIX.length() + RANDOM_CHARS + CHECKSUM_CHARS;
    /** How many random characters the displayable prefix shows (about 36 bits: not enough to help a guesser). */
    static final int DISPLAY_CHARS = 6;
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFormat() {
    }

    /** A new key. The caller shows it once and keeps only its digest. */
    static ApiKeySecret generate() {
        StringBuilder key = new StringBuilder(LENGTH).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        key.append(checksum(key));
        return new ApiKeySecret(key.toString());
    }

    /** Whether {@code token} has the key's length, prefix, alphabet and a right checksum: decided without a lookup. */
    static boolean wellFormed(String token) {
        if (token.length() != LENGTH || !token.startsWith(PREFIX)) return false;
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(token.charAt(i)) < 0) return false;
        }
        String body = token.substring(0, LENGTH - CHECKSUM_CHARS);
        return checksum(body).equals(token.substring(LENGTH - CHECKSUM_CHARS));
    }

    /** {@code vmk_} and the first random characters: what lists and audit entries show. */
    static String displayPrefix(String wellFormedKey) {
        return wellFormedKey.substring(0, PREFIX.length() + DISPLAY_CHARS);
    }

    /** The stored form: SHA-256 as lower-case hex (a 178-bit random key needs no slow hash). */
    static String digest(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CRC32 of {@code body} in base62, left-padded to {@value #CHECKSUM_CHARS} characters (62^6 > 2^32). */
    static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_CHARS];
        for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
