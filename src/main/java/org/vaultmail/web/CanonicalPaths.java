package org.vaultmail.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Whether a request path (as sent, still percent-encoded) is in the one form Vaultmail's own links use, and if
 * not, why (ADR 0024). Only such paths reach the filters and Spring MVC, so no comparison anywhere can be fooled
 * by a path that routes like another. Percent-encoded reserved characters stay allowed: a folder name travels as
 * one segment in which {@code %2F}, {@code %25}, {@code %20} are data.
 */
final class CanonicalPaths {

    static final String NO_SLASH = "The request path must start with a slash.";
    static final String RAW_CHARACTER = "The request path contains a character that must be percent-encoded.";
    static final String INVALID_ESCAPE = "The request path has an invalid percent-encoding: each % must be followed by "
            + "two hex digits, and the bytes must be UTF-8.";
    static final String ENCODED_UNRESERVED = "The request path has a percent-encoded letter, digit or one of - . _ ~; "
            + "write these characters as they are.";
    static final String CONTROL = "The request path contains an encoded control character.";
    static final String PARAMETER = "The request path contains a ; (path parameters are not accepted).";
    static final String BACKSLASH = "The request path contains a backslash.";
    static final String EMPTY_SEGMENT = "The request path has an empty path segment (a doubled or trailing slash).";
    static final String DOT_SEGMENT = "The request path has a . or .. segment.";
    static final String NOT_THE_ROUTE = "The request path names a Vaultmail address in other letter case or encoding; "
            + "use it exactly as written (for example /signin, /api/v1/sessions).";

    /**
     * Route prefixes with a security rule (sign-in, its rate limit and CSRF exemption, the API/page split, the
     * MFA gate, the console, the scrape and health endpoints, static files): a path that reaches one of them
     * only when case is ignored or an encoded slash is taken for a separator is refused.
     */
    static final List<String> RULED = List.of("/signin", "/signin/code", "/signin/passkey", "/signin/with-passkey",
            "/signin/with-passkey/unlock", "/signin/with-passkey/reseal", "/signin/cancel", "/signin/oauth", "/signout", "/api", "/api/v1",
            "/api/v1/sessions", "/api/v1/sessions/refresh", "/api/v1/sessions/current", "/api/v1/openapi.json", "/api/docs",
            "/api/v1/outbox", "/api/v1/api-keys", "/api/v1/mailboxes", "/api/v1/webhooks", "/api/v1/migrations", "/settings/api",
            "/settings/import", "/oauth", "/oauth/callback",
            "/admin", "/admin/signin", "/admin/signin/passkey", "/admin/signout", "/admin/security",
            "/admin/security/passkeys", "/admin/api", "/admin/api/v1", "/admin/api/v1/migrations", "/mail", "/settings",
            "/settings/security", "/settings/security/passkeys", "/remote", "/actuator", "/actuator/health",
            "/actuator/prometheus", "/actuator/metrics", "/error", "/css", "/js", "/images", "/webjars", "/favicon.ico");

    /** Ruled routes with a variable before a literal: the literal must be written as the route has it. */
    private static final List<String> RULED_WITH_VARIABLES = List.of("/mail/*/*/frame");
    private static final List<PathPattern> LOOSE = patterns(false);
    private static final List<PathPattern> STRICT = patterns(true);
    private static final java.util.regex.Pattern SLASHES = java.util.regex.Pattern.compile("/{2,}");

    private CanonicalPaths() {
    }

    /** Null when {@code path} (without query) is canonical, else what is wrong with it, for the client. */
    static @Nullable String problem(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') return NO_SLASH;
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                int b = i + 2 < path.length() ? hex(path.charAt(i + 1)) << 4 | hex(path.charAt(i + 2)) : -1;
                if (b < 0) return INVALID_ESCAPE;
                if (unreserved(b)) return ENCODED_UNRESERVED;
                if (b < 0x20 || b == 0x7F) return CONTROL;
                if (b == '\\') return BACKSLASH;
                decoded.write(b);
                i += 2;
            } else if (c == ';') {
                return PARAMETER;
            } else if (c == '\\') {
                return BACKSLASH;
            } else if (!pathCharacter(c)) {
                return RAW_CHARACTER;
            } else {
                decoded.write(c);
            }
        }
        String text = utf8(decoded.toByteArray());
        if (text == null) return INVALID_ESCAPE;
        if (!path.equals("/")) {
            String[] segments = path.substring(1).split("/", -1);
            for (String segment : segments) {
                if (segment.isEmpty()) return EMPTY_SEGMENT;
                if (segment.equals(".") || segment.equals("..")) return DOT_SEGMENT;
            }
            // the first segment always names a route, never data: nothing in it is encoded
            if (segments[0].indexOf('%') >= 0) return NOT_THE_ROUTE;
        }
        // as a careless reader would see it: encoded slashes as separators, case ignored
        String loose = SLASHES.matcher(text).replaceAll("/").toLowerCase(Locale.ROOT);
        for (String prefix : RULED) {
            if (under(loose, prefix) && !under(path, prefix)) return NOT_THE_ROUTE;
        }
        PathContainer routed = PathContainer.parsePath(path);
        for (int i = 0; i < LOOSE.size(); i++) {
            if (LOOSE.get(i).matches(routed) && !STRICT.get(i).matches(routed)) return NOT_THE_ROUTE;
        }
        return null;
    }

    /** Whether {@code path} is, or is below, {@code prefix}. */
    static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    private static List<PathPattern> patterns(boolean caseSensitive) {
        PathPatternParser parser = new PathPatternParser();
        parser.setCaseSensitive(caseSensitive);
        return RULED_WITH_VARIABLES.stream().map(parser::parse).toList();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -0x100; // keeps the combined value negative
    }

    /** RFC 3986 unreserved: equivalent encoded or not, so producers must not encode them (section 6.2.2.2). */
    private static boolean unreserved(int b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '.' || b == '_' || b == '~';
    }

    /** RFC 3986 pchar (without pct-encoded, handled above) or a separator. */
    private static boolean pathCharacter(char c) {
        return c < 0x80 && (unreserved(c) || "/!$&'()*+,=:@".indexOf(c) >= 0);
    }

    private static @Nullable String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
