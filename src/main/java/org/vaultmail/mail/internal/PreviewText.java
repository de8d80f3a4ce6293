package org.vaultmail.mail.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A short preview from the first bytes of a text part, which may be cut anywhere: in a base64
 * quantum, a quoted-printable escape or soft break, a multibyte character or an HTML tag. Never
 * throws; an unknown or broken charset falls back to UTF-8, else windows-1252.
 */
final class PreviewText {

    static final int MAX_CHARS = 160;

    private static final Pattern HIDDEN_HTML = Pattern.compile("(?is)<(head|style|script|title)\\b.*?(</\\1\\s*>|\\z)");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?(-->|\\z)");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*(>|\\z)");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\u200b\\ufeff]+");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private PreviewText() {
    }

    /**
     * The preview, or null when nothing readable is left. {@code complete}: {@code head} is the whole
     * part, so a last byte that looks like the start of a UTF-8 sequence is not a cut-off character.
     */
    static @Nullable String of(byte[] head, boolean complete, @Nullable String transferEncoding, @Nullable String charset, boolean html) {
        byte[] decoded = transferDecode(head, transferEncoding == null ? "" : transferEncoding.toLowerCase(Locale.ROOT).strip());
        String text = decode(decoded, complete, charset);
        if (html) text = stripHtml(text);
        return shorten(text);
    }

    /** Whitespace collapsed, at most {@link #MAX_CHARS} characters and an ellipsis; null when empty. */
    static @Nullable String shorten(String raw) {
        String text = WHITESPACE.matcher(raw).replaceAll(" ").strip();
        if (text.isEmpty()) return null;
        if (text.length() > MAX_CHARS) {
            int end = MAX_CHARS;
            if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
            text = text.substring(0, end).stripTrailing() + "…";
        }
        return text;
    }

    static byte[] transferDecode(byte[] bytes, String encoding) {
        return switch (encoding) {
            case "base64" -> base64(bytes);
            case "quoted-printable" -> quotedPrintable(bytes);
            default -> bytes;
        };
    }

    /** Whole 4-character quanta only; a cut-off one at the end is dropped, junk characters skipped. */
    private static byte[] base64(byte[] bytes) {
        StringBuilder clean = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=') clean.append(c);
        }
        int padding = clean.indexOf("=");
        if (padding >= 0) clean.setLength(padding);
        if (clean.length() % 4 == 1) clean.setLength(clean.length() - 1); // a lone character encodes no byte
        try {
            return Base64.getDecoder().decode(pad(clean));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String pad(StringBuilder b64) {
        while (b64.length() % 4 != 0) b64.append('=');
        return b64.toString();
    }

    /** Soft breaks removed, {@code =XX} decoded; a cut-off escape at the end is dropped, a bad one kept as is. */
    private static byte[] quotedPrintable(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            if (i + 1 >= bytes.length) break; // cut after '='
            if (bytes[i + 1] == '\r' || bytes[i + 1] == '\n') { // soft line break
                i += bytes[i + 1] == '\r' && i + 2 < bytes.length && bytes[i + 2] == '\n' ? 2 : 1;
                continue;
            }
            if (i + 2 >= bytes.length) break; // cut after '=X'
            int hi = Character.digit(bytes[i + 1], 16);
            int lo = Character.digit(bytes[i + 2], 16);
            if (hi < 0 || lo < 0) {
                out.write(b);
                continue;
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    static String decode(byte[] bytes, boolean complete, @Nullable String charset) {
        Charset declared = charset(charset);
        if (declared != null) return lenient(bytes, declared);
        try {
            return strict(bytes, complete);
        } catch (CharacterCodingException e) {
            return lenient(bytes, WINDOWS_1252);
        }
    }

    private static @Nullable Charset charset(@Nullable String name) {
        if (name == null || name.isBlank()) return null;
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Malformed input becomes U+FFFD; a character cut off at the end is dropped. */
    private static String lenient(byte[] bytes, Charset charset) {
        String s = new String(bytes, charset);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\ufffd') end--;
        return s.substring(0, end);
    }

    /** UTF-8 that may end in a cut-off character (unless complete), else an exception. */
    private static String strict(byte[] bytes, boolean complete) throws CharacterCodingException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var result = decoder.decode(in, out, complete); // not complete: a trailing partial sequence is left over, not an error
        if (result.isError()) result.throwException();
        return out.flip().toString();
    }

    static String stripHtml(String html) {
        String s = COMMENT.matcher(html).replaceAll(" ");
        s = HIDDEN_HTML.matcher(s).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        return s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
    }
}
