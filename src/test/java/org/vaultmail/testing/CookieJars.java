package org.vaultmail.testing;

import java.util.Map;

import org.vaultmail.testing.HttpCalls.Reply;

/** What a browser does with cookies, for tests that talk HTTP through {@link HttpCalls} with a map as the jar. */
public final class CookieJars {

    private CookieJars() {
    }

    /** Stores (or, when emptied, drops) every cookie {@code reply} sets; returns {@code reply}. */
    public static Reply keep(Map<String, String> jar, Reply reply) {
        for (String c : reply.headers("Set-Cookie")) {
            String name = c.substring(0, c.indexOf('='));
            String value = reply.cookie(name);
            if (value == null || value.isEmpty()) jar.remove(name);
            else jar.put(name, value);
        }
        return reply;
    }

    /** The {@code Cookie} request header for the jar's non-empty cookies. */
    public static String header(Map<String, String> jar) {
        StringBuilder header = new StringBuilder();
        jar.forEach((k, v) -> {
            if (!v.isEmpty()) header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v);
        });
        return header.toString();
    }
}
