package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.testing.CookieJars;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.testing.Await;

/**
 * Fixtures of the console tests that start the app: an operator made by {@code vaultmail admin create} (its TOTP
 * secret read from the output), its codes, a cookie-keeping client that signs in, waiting for an audit entry.
 * Each test class names its own operator password (a canary its pages must never show).
 */
abstract class ConsoleTestSupport {

    private static final Pattern SECRET = Pattern.compile("secret: +([A-Z2-7]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String operatorPassword;

    @LocalServerPort
    int port;

    @Autowired
    CommandLineInterface cli;

    @Autowired
    JdbcTemplate jdbc;

    ConsoleTestSupport(String operatorPassword) {
        this.operatorPassword = operatorPassword;
    }

    /** A browser's cookie jar for the console, over {@link HttpCalls}. */
    final class Operator {
        final HttpCalls http;
        final Map<String, String> jar = new LinkedHashMap<>();

        Operator() {
            this(new HttpCalls(port));
        }

        /** A cookie jar of its own over a shared client: hundreds of "browsers" without an HttpClient (and threads) each. */
        Operator(HttpCalls http) {
            this.http = http;
        }

        Reply get(String path) {
            return keep(http.get(path, "Cookie", cookies()));
        }

        /** Posts a form of {@code page} to {@code action} and follows the redirect; returns the page shown. */
        Reply postAndFollow(String page, String action, Map<String, String> fields) {
            Reply posted = post(page, action, fields);
            assertThat(posted.status()).isEqualTo(302);
            return get(posted.header("Location").replaceFirst("^https?://[^/]+", ""));
        }

        Reply post(String page, String action, Map<String, String> fields) {
            return post(page, action, fields, new String[0]);
        }

        /** As {@link #post(String, String, Map)} with extra request headers (name, value, …) on the POST. */
        Reply post(String page, String action, Map<String, String> fields, String... headers) {
            Reply form = get(page);
            Map<String, String> all = new LinkedHashMap<>(fields);
            Matcher m = CSRF.matcher(form.body());
            assertThat(m.find()).as("CSRF field on " + page).isTrue();
            all.put("_csrf", m.group(1));
            String[] withCookie = new String[headers.length + 2];
            withCookie[0] = "Cookie";
            withCookie[1] = cookies();
            System.arraycopy(headers, 0, withCookie, 2, headers.length);
            return keep(http.form(action, all, withCookie));
        }

        Reply keep(Reply reply) {
            return CookieJars.keep(jar, reply);
        }

        String cookies() {
            return CookieJars.header(jar);
        }
    }

    /** Creates operator {@code name} with this class's password through the command line; returns its TOTP secret. */
    String createOperator(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        var stdin = System.in;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream((operatorPassword + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(cli.run("admin", List.of("create", name))).isZero();
        } finally {
            System.setOut(stdout);
            System.setIn(stdin);
        }
        Matcher m = SECRET.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The TOTP code {@code stepOffset} steps from now (0: the current one). */
    static String code(String secret, int stepOffset) {
        Totp totp = Totp.standard(Clock.systemUTC());
        return totp.code(Base32.decode(secret), totp.currentStep() + stepOffset);
    }

    Operator signedIn(String name, String secret) {
        Operator op = new Operator();
        Reply reply = op.post("/admin/signin", "/admin/signin",
                Map.of("username", name, "password", operatorPassword, "code", code(secret, 0)));
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).endsWith("/admin/audit");
        return op;
    }

    void awaitAudit(String sql, Object... args) {
        // entries that follow a mail retry come late
        Await.until("an audit entry where " + sql, Duration.ofSeconds(20), () -> {
            Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE " + sql, Long.class, args);
            return n != null && n > 0;
        });
    }
}
