package org.vaultmail.sanitize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** URL clean-up the way a browser's URL parser sees it, so a check and the browser agree on the scheme. */
final class UrlText {

    private UrlText() {
    }

    /** Drops tab/CR/LF anywhere and C0 controls and spaces at both ends (WHATWG URL parsing does the same). */
    static String clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') out.append(c);
        }
        int start = 0;
        int end = out.length();
        while (start < end && out.charAt(start) <= ' ') start++;
        while (end > start && out.charAt(end - 1) <= ' ') end--;
        return out.substring(start, end);
    }

    /**
     * The absolute http(s) URL a browser would fetch for {@code url} (protocol-relative taken as https,
     * {@code https:\\host} and {@code https:/host} as the browser reads them), or null if it is not one.
     */
    static @Nullable String absoluteHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String scheme;
        int rest;
        if (lower.startsWith("https:")) {
            scheme = "https";
            rest = 6;
        } else if (lower.startsWith("http:")) {
            scheme = "http";
            rest = 5;
        } else if (lower.startsWith("//") || lower.startsWith("\\\\") || lower.startsWith("/\\") || lower.startsWith("\\/")) {
            scheme = "https";
            rest = 0;
        } else {
            return null;
        }
        while (rest < url.length() && (url.charAt(rest) == '/' || url.charAt(rest) == '\\')) rest++;
        String hostAndPath = url.substring(rest).replace('\\', '/');
        if (hostAndPath.isEmpty() || hostAndPath.charAt(0) == '?' || hostAndPath.charAt(0) == '#') return null;
        return scheme + "://" + hostAndPath;
    }

    /** The Content-ID of a {@code cid:} URL (RFC 2392: percent-decoded, angle brackets removed). */
    static String contentId(String afterScheme) {
        String id = percentDecode(afterScheme);
        if (id.length() > 2 && id.startsWith("<") && id.endsWith(">")) id = id.substring(1, id.length() - 1);
        return id;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
