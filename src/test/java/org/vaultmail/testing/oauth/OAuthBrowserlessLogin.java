package org.vaultmail.testing.oauth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vaultmail.testing.CookieJars;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * Does what a browser does at the {@link LocalAuthorizationServer}'s login page, over plain HTTP: follows an
 * authorization URL, signs in on the form (with its CSRF token), and stops at the redirect back to the client's
 * callback, which it returns, so a test can call Vaultmail's callback with its own cookies. The jar holds the
 * authorization server's cookies only; reusing it is a returning user (no second login).
 */
public final class OAuthBrowserlessLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final int MAX_HOPS = 10;

    private OAuthBrowserlessLogin() {
    }

    /** Signs in as {@code username} with its authorization server password ({@code <local-part>-sso}). */
    public static URI callbackFor(URI authorizationUrl, String username) {
        return callbackFor(authorizationUrl, username, TestUsers.password(username), new LinkedHashMap<>());
    }

    /**
     * Follows {@code authorizationUrl} until the authorization server redirects away from itself (to the client's
     * callback, with a {@code code} or an {@code error}) and returns that URL.
     *
     * @throws IllegalStateException if the login is refused or the server answers with a page or an error instead
     */
    public static URI callbackFor(URI authorizationUrl, String username, String password, Map<String, String> jar) {
        HttpCalls http = new HttpCalls(authorizationUrl.getPort());
        URI at = authorizationUrl;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Reply reply = CookieJars.keep(jar, http.get(pathAndQuery(at), "Cookie", CookieJars.header(jar),
                    "Accept", "text/html"));
            if (reply.status() != 302 && reply.status() != 303) {
                throw new IllegalStateException("the authorization server answered " + reply.status() + " at "
                        + at.getRawPath() + ": " + abbreviate(reply.body()));
            }
            URI next = at.resolve(String.valueOf(reply.header("Location")));
            if (!sameServer(next, authorizationUrl)) return next;
            if ("/login".equals(next.getRawPath()) && next.getRawQuery() == null) {
                next = signIn(http, authorizationUrl.getPort(), jar, username, password);
                if (!sameServer(next, authorizationUrl)) return next;
            }
            at = next;
        }
        throw new IllegalStateException("more than " + MAX_HOPS + " redirects at the authorization server");
    }

    private static URI signIn(HttpCalls http, int port, Map<String, String> jar, String username, String password) {
        Reply page = CookieJars.keep(jar, http.get("/login", "Cookie", CookieJars.header(jar), "Accept", "text/html"));
        Matcher csrf = CSRF.matcher(page.body());
        if (page.status() != 200 || !csrf.find()) {
            throw new IllegalStateException("no login form at the authorization server (" + page.status() + ")");
        }
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        Reply posted = CookieJars.keep(jar, http.form("/login",
                Map.of("username", username, "password", password, "_csrf", token),
                "Cookie", CookieJars.header(jar)));
        String location = posted.header("Location");
        if (posted.status() != 302 || location == null || location.contains("/login?error")) {
            throw new IllegalStateException("the authorization server refused the login of " + username);
        }
        return URI.create("http://127.0.0.1:" + port).resolve(location);
    }

    private static boolean sameServer(URI a, URI b) {
        return a.getPort() == b.getPort() && isLoopback(a.getHost()) && isLoopback(b.getHost());
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    private static String pathAndQuery(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
