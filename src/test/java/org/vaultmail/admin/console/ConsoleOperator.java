package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;

/** An operator signed in to the console over real HTTP (password and TOTP), with a cookie jar and CSRF-aware posts. */
final class ConsoleOperator {

    static final String PASSWORD = "Console-Operator-Canary-7b31";
    private static final Pattern SECRET = Pattern.compile("secret: +([A-Z2-7]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final HttpCalls http;
    final Map<String, String> jar = new LinkedHashMap<>();

    private ConsoleOperator(int port) {
        this.http = new HttpCalls(port);
    }

    /** Creates operator {@code name} through the command line and signs it in. */
    static ConsoleOperator signedIn(int port, CommandLineInterface cli, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        var stdin = System.in;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(cli.run("admin", List.of("create", name))).isZero();
        } finally {
            System.setOut(stdout);
            System.setIn(stdin);
        }
        Matcher m = SECRET.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        Totp totp = Totp.standard(Clock.systemUTC());
        ConsoleOperator op = new ConsoleOperator(port);
        Reply reply = op.post("/admin/signin", "/admin/signin", Map.of("username", name, "password", PASSWORD,
                "code", totp.code(Base32.decode(m.group(1)), totp.currentStep())));
        assertThat(reply.status()).isEqualTo(302);
        return op;
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
        Reply form = get(page);
        Map<String, String> all = new LinkedHashMap<>(fields);
        Matcher m = CSRF.matcher(form.body());
        assertThat(m.find()).as("CSRF field on " + page).isTrue();
        all.put("_csrf", m.group(1));
        return keep(http.form(action, all, "Cookie", cookies()));
    }

    private Reply keep(Reply reply) {
        for (String c : reply.headers("Set-Cookie")) {
            String name = c.substring(0, c.indexOf('='));
            String value = reply.cookie(name);
            if (value == null || value.isEmpty()) jar.remove(name);
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
