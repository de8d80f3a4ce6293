package org.vaultmail.auth.session;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The browser's three cookies: {@code __Host-} prefixed (Secure, Path=/, no Domain), HttpOnly,
 * SameSite=Lax. They hold random secrets and a JWT only, never a password (G3).
 */
public final class AuthCookies {

    public static final String ACCESS = "__Host-vm-access";
    public static final String REFRESH = "__Host-vm-refresh";
    public static final String UNSEAL = "__Host-vm-unseal";
    /** Spring Security's CSRF cookie (set by {@code SecurityConfiguration}, cleared with the others). */
    public static final String CSRF = "__Host-vm-csrf";
    /** A sign-in waiting for its second factor: a pending id and the secret that opens its sealed password. */
    public static final String PENDING = "__Host-vm-pending";

    private AuthCookies() {
    }

    /** Sets all three; with "keep me signed in" the refresh and unseal cookies last {@code idle}, else the browser session. */
    public static void set(HttpServletResponse response, Issued issued, Duration idle) {
        Duration keep = issued.remember() ? idle : null;
        add(response, ACCESS, issued.accessToken(), null);
        add(response, REFRESH, Randoms.text(issued.refreshSecret()), keep);
        add(response, UNSEAL, Randoms.text(issued.unsealSecret()), keep);
    }

    /** A new session gets a new CSRF token (no token fixation across sign-in). */
    public static void clearCsrf(HttpServletResponse response) {
        add(response, CSRF, "", Duration.ZERO);
    }

    public static void setPending(HttpServletResponse response, String value, Duration lifetime) {
        add(response, PENDING, value, lifetime);
    }

    public static void clearPending(HttpServletResponse response) {
        add(response, PENDING, "", Duration.ZERO);
    }

    public static void clear(HttpServletResponse response) {
        for (String name : new String[] {ACCESS, REFRESH, UNSEAL}) add(response, name, "", Duration.ZERO);
    }

    public static @Nullable String read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return null;
        for (Cookie c : cookies) {
            if (c.getName().equals(name) && !c.getValue().isEmpty()) return c.getValue();
        }
        return null;
    }

    public static boolean present(HttpServletRequest request) {
        return read(request, ACCESS) != null || read(request, REFRESH) != null;
    }

    private static void add(HttpServletResponse response, String name, String value, @Nullable Duration maxAge) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name, value)
                .secure(true).httpOnly(true).sameSite("Lax").path("/");
        if (maxAge != null) cookie.maxAge(maxAge);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
    }
}
