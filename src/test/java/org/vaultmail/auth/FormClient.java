package org.vaultmail.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vaultmail.testing.CookieJars;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/** A cookie jar over {@link HttpCalls} that posts forms with the page's CSRF token, as a browser would. */
public final class FormClient {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpCalls http;
    public final Map<String, String> jar = new LinkedHashMap<>();

    public FormClient(HttpCalls http) {
        this.http = http;
    }

    public Reply get(String path) {
        return keep(http.get(path, "Cookie", cookies()));
    }

    /** GETs {@code page} for its CSRF token, then posts {@code fields} to {@code action}. */
    public Reply submit(String page, String action, Map<String, String> fields) {
        Reply form = get(page);
        assertThat(form.status()).as("GET " + page).isEqualTo(200);
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(form.body()));
        return keep(http.form(action, all, "Cookie", cookies()));
    }

    /** Posts {@code fields} to {@code action} with the CSRF token of the page {@code form} already fetched. */
    public Reply submitFrom(Reply form, String action, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(form.body()));
        return keep(http.form(action, all, "Cookie", cookies()));
    }

    public Reply signIn(String address, String password) {
        return submit("/signin", "/signin", Map.of("address", address, "password", password));
    }

    private Reply keep(Reply reply) {
        return CookieJars.keep(jar, reply);
    }

    public String cookies() {
        return CookieJars.header(jar);
    }

    public static String csrf(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("hidden _csrf field in the form").isTrue();
        return m.group(1);
    }
}
