package org.vaultmail.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's view of the server: a cookie jar, the sign-in form with its CSRF token (as
 * {@code auth.FormClient} in the tests does), then pages fetched with the session cookies. Cookies
 * set by any response (a silent token refresh) are kept.
 */
final class BrowserSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Http http;
    private final Map<String, String> jar = new LinkedHashMap<>();

    private BrowserSession(Http http) {
        this.http = http;
    }

    /** Signs in through {@code /signin}; fails with the status if the form does not redirect. */
    static BrowserSession signIn(Http http, String address, String password) {
        BrowserSession browser = new BrowserSession(http);
        Http.Reply form = browser.get("/signin");
        Matcher csrf = CSRF_FIELD.matcher(form.text());
        if (form.status() != 200 || !csrf.find()) throw new IllegalStateException("GET /signin: HTTP " + form.status() + ", no CSRF field");
        Http.Reply done = browser.keep(http.postForm("/signin", Map.of("address", address, "password", password, "_csrf", csrf.group(1)),
                "Cookie", browser.cookies()));
        if (done.status() != 302 && done.status() != 303) throw new IllegalStateException("POST /signin: HTTP " + done.status());
        return browser;
    }

    /** A timed GET of a page, as a browser navigating to it. */
    Http.Reply get(String path) {
        return keep(jar.isEmpty() ? http.get(path, "Accept", "text/html")
                : http.get(path, "Accept", "text/html", "Cookie", cookies()));
    }

    private Http.Reply keep(Http.Reply reply) {
        for (String c : reply.all("Set-Cookie")) {
            int eq = c.indexOf('=');
            int end = c.indexOf(';');
            String name = c.substring(0, eq);
            String value = c.substring(eq + 1, end < 0 ? c.length() : end);
            if (value.isEmpty()) jar.remove(name);
            else jar.put(name, value);
        }
        return reply;
    }

    private String cookies() {
        StringBuilder header = new StringBuilder();
        jar.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
        return header.toString();
    }
}
