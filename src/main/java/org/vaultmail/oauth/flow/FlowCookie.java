package org.vaultmail.oauth.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Binds pending authorizations to the browser that started them: a random 256-bit value in an HttpOnly, Secure,
 * {@code __Host-} cookie; the database keeps only its SHA-256. {@code SameSite=Lax}, not Strict: the callback is a
 * cross-site top-level GET from the provider, which Lax cookies accompany and Strict ones do not. One value per browser
 * (reused while it lives), so two tabs can connect two accounts at once.
 */
final class FlowCookie {

    static final String NAME = "__Host-vm-oauth";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private FlowCookie() {
    }

    /** The browser's value (a new one if it has none), set again so it lives as long as the newest flow. */
    static String issue(HttpServletRequest request, HttpServletResponse response, Duration lifetime) {
        String value = read(request);
        if (value == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(NAME, value).secure(true).httpOnly(true)
                .sameSite("Lax").path("/").maxAge(lifetime).build().toString());
        return value;
    }

    static @Nullable String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return null;
        for (Cookie c : cookies) {
            if (c.getName().equals(NAME) && FORMAT.matcher(c.getValue()).matches()) return c.getValue();
        }
        return null;
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
