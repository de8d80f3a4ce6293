package org.vaultmail.auth.mfa;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.modulith.NamedInterface;

/**
 * RFC 4648 base32 without padding, the alphabet authenticator apps expect for TOTP secrets; on commons-codec. Decoding
 * is strict where commons-codec is lenient (it skips characters outside the alphabet): anything but the alphabet,
 * spaces, dashes and padding is refused.
 */
@NamedInterface("mfa")
public final class Base32 {

    private static final org.apache.commons.codec.binary.Base32 CODEC = new org.apache.commons.codec.binary.Base32();
    private static final Pattern ALPHABET = Pattern.compile("[A-Z2-7]*");
    private static final Pattern IGNORED = Pattern.compile("[\\s=-]");

    private Base32() {
    }

    public static String encode(byte[] bytes) {
        String padded = CODEC.encodeAsString(bytes);
        int end = padded.length();
        while (end > 0 && padded.charAt(end - 1) == '=') end--;
        return padded.substring(0, end);
    }

    /** Decodes, ignoring case, spaces, dashes and padding; throws {@link IllegalArgumentException} otherwise. */
    public static byte[] decode(String text) {
        String clean = IGNORED.matcher(text).replaceAll("").toUpperCase(Locale.ROOT);
        if (!ALPHABET.matcher(clean).matches()) throw new IllegalArgumentException("not base32");
        return CODEC.decode(clean);
    }
}
