package org.vaultmail.reading;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Decodes a text part's bytes by its declared charset the way browsers do (WHATWG Encoding): labels are
 * matched loosely, ISO-8859-1 and US-ASCII are read as windows-1252, and a missing, unknown or wrong
 * declaration falls back to UTF-8 when the bytes are valid UTF-8, else windows-1252. Never throws.
 */
final class TextDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Labels mail clients write that Java does not know, or knows as something narrower than browsers do. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("iso-8859-1", "windows-1252"), Map.entry("latin1", "windows-1252"), Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"), Map.entry("iso8859-1", "windows-1252"), Map.entry("iso_8859-1", "windows-1252"),
            Map.entry("utf8", "UTF-8"), Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("ks_c_5601-1987", "x-windows-949"), Map.entry("euc-kr", "x-windows-949"), Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("gb2312", "GBK"), Map.entry("x-gbk", "GBK"), Map.entry("iso-8859-9", "windows-1254"),
            Map.entry("iso-8859-11", "x-windows-874"), Map.entry("tis-620", "x-windows-874"),
            Map.entry("shift-jis", "Shift_JIS"), Map.entry("sjis", "Shift_JIS"), Map.entry("x-sjis", "Shift_JIS"),
            Map.entry("cp1252", "windows-1252"), Map.entry("x-mac-roman", "x-MacRoman"), Map.entry("macintosh", "x-MacRoman"));

    private TextDecoder() {
    }

    static String decode(byte[] bytes, @Nullable String declared) {
        Charset charset = charset(declared);
        // a declared UTF-8 that is not, or a Western single-byte declaration over bytes that are valid UTF-8
        // (mailers that label everything us-ascii or latin1), are both read as what the bytes most likely are
        if (charset == null || charset.equals(StandardCharsets.UTF_8) || charset.equals(WINDOWS_1252)) {
            return utf8OrWindows1252(bytes);
        }
        return new String(bytes, charset);
    }

    /** The charset for a declared label, or null when there is none or it is unknown. */
    static @Nullable Charset charset(@Nullable String declared) {
        if (declared == null) return null;
        String label = declared.strip().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        if (label.isEmpty()) return null;
        String alias = ALIASES.get(label);
        if (alias != null) label = alias;
        try {
            return Charset.forName(label);
        } catch (IllegalArgumentException e) { // unknown or illegal name: fall back
            return null;
        }
    }

    private static String utf8OrWindows1252(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }
}
