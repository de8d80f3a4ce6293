package org.vaultmail.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vaultmail.testing.CookieJars;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/** A browser-like client: a cookie jar, the sign-in form with its CSRF field, htmx request headers. */
final class PageClient {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_HEADER = Pattern.compile("<meta name=\"csrf-header\" content=\"([^\"]+)\"");

    private final HttpCalls http;
    private final Map<String, String> jar = new LinkedHashMap<>();

    PageClient(int port) {
        this.http = new HttpCalls(port);
    }

    static PageClient signedIn(int port, String address, String password) {
        PageClient client = new PageClient(port);
        Reply form = client.get("/signin");
        Matcher m = CSRF_FIELD.matcher(form.body());
        assertThat(m.find()).as("CSRF field on the sign-in form").isTrue();
        Reply done = client.keep(client.http.form("/signin", Map.of("address", address, "password", password, "_csrf", m.group(1)),
                "Cookie", client.cookies()));
        assertThat(done.status()).as("sign-in redirects").isEqualTo(302);
        return client;
    }

    Reply get(String path, String... headers) {
        return keep(http.get(path, with(headers)));
    }

    /** As htmx asks for one pane: {@code HX-Request} and {@code HX-Target}. */
    Reply htmx(String path, String target) {
        return get(path, "HX-Request", "true", "HX-Target", target);
    }

    /** A POST from a page: the CSRF token from the page's meta tag in the header the meta tag names. */
    Reply post(String path, String pageWithToken, String jsonBody, String... headers) {
        String page = get(pageWithToken).body();
        Matcher token = CSRF_META.matcher(page);
        Matcher header = CSRF_HEADER.matcher(page);
        assertThat(token.find() && header.find()).as("CSRF meta tags").isTrue();
        List<String> all = new ArrayList<>(List.of(headers));
        all.add(header.group(1));
        all.add(token.group(1));
        return keep(http.send("POST", path, jsonBody, with(all.toArray(String[]::new))));
    }

    /** A form posted by htmx from a page ({@code fields}: name, value, …), with the page's CSRF header. */
    Reply htmxForm(String path, String pageWithToken, String... fields) {
        return htmxFormIn("en", path, pageWithToken, fields);
    }

    /** As above, from a browser that asks for {@code language}. */
    Reply htmxFormIn(String language, String path, String pageWithToken, String... fields) {
        String page = get(pageWithToken).body();
        Matcher token = CSRF_META.matcher(page);
        Matcher header = CSRF_HEADER.matcher(page);
        assertThat(token.find() && header.find()).as("CSRF meta tags").isTrue();
        return keep(http.form(path, List.of(fields), with("HX-Request", "true", "Accept-Language", language, header.group(1), token.group(1))));
    }

    /** A file posted by htmx ({@code hx-encoding="multipart/form-data"}) from a page, with the text {@code fields}. */
    Reply htmxFile(String path, String pageWithToken, String fileName, byte[] content, String... fields) {
        String page = get(pageWithToken).body();
        Matcher token = CSRF_META.matcher(page);
        Matcher header = CSRF_HEADER.matcher(page);
        assertThat(token.find() && header.find()).as("CSRF meta tags").isTrue();
        return keep(http.multipart(path, List.of(fields), "file", fileName, content, with("HX-Request", "true", header.group(1), token.group(1))));
    }

    Reply delete(String path, String pageWithToken) {
        String page = get(pageWithToken).body();
        Matcher token = CSRF_META.matcher(page);
        Matcher header = CSRF_HEADER.matcher(page);
        assertThat(token.find() && header.find()).isTrue();
        return keep(http.send("DELETE", path, null, with(header.group(1), token.group(1))));
    }

    String cookies() {
        return CookieJars.header(jar);
    }

    private String[] with(String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (!jar.isEmpty()) {
            all.add("Cookie");
            all.add(cookies());
        }
        return all.toArray(String[]::new);
    }

    private Reply keep(Reply reply) {
        return CookieJars.keep(jar, reply);
    }
}
