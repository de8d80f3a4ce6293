package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls;
import org.vaultmail.testing.HttpCalls.Reply;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The mail servers page against real servers: the shared Dovecot (IMAPS with its test certificate,
 * Postfix SMTP on loopback) and GreenMail (plain). Test connection reports TLS, certificate and
 * capabilities without signing in, and is audited.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminServersTest {

    static final GreenMailFixture GREEN = GreenMailFixture.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-admin-servers-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        DovecotFixture.get().registerDomain(registry, 0);
        GREEN.registerDomain(registry, 1, "green.test");
        registry.add("vaultmail.domains[2].domain", () -> "down.test");
        registry.add("vaultmail.domains[2].imap.host", () -> "127.0.0.1");
        registry.add("vaultmail.domains[2].imap.port", () -> "1");
        registry.add("vaultmail.domains[2].imap.security", () -> "plain");
        registry.add("vaultmail.domains[2].smtp.host", () -> "127.0.0.1");
        registry.add("vaultmail.domains[2].smtp.port", () -> "1");
        registry.add("vaultmail.domains[2].smtp.security", () -> "plain");
    }

    static final String OPERATOR_PASSWORD = "Servers-Operator-Canary-93ae";
    private static final Pattern SECRET = Pattern.compile("secret: +([A-Z2-7]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    CommandLineInterface cli;

    @Autowired
    JdbcTemplate jdbc;

    /** A browser's cookie jar for the console, over {@link HttpCalls}. */
    final class Operator {
        final HttpCalls http = new HttpCalls(port);
        final Map<String, String> jar = new LinkedHashMap<>();

        Reply get(String path) {
            return keep(http.get(path, "Cookie", cookies()));
        }

        Reply post(String page, String action, Map<String, String> fields) {
            Reply form = get(page);
            Map<String, String> all = new LinkedHashMap<>(fields);
            Matcher m = CSRF.matcher(form.body());
            assertThat(m.find()).as("CSRF field on " + page).isTrue();
            all.put("_csrf", m.group(1));
            return keep(http.form(action, all, "Cookie", cookies()));
        }

        Reply keep(Reply reply) {
            for (String c : reply.headers("Set-Cookie")) {
                String name = c.substring(0, c.indexOf('='));
                String value = reply.cookie(name);
                if (value == null || value.isEmpty()) jar.remove(name);
                else jar.put(name, value);
            }
            return reply;
        }

        String cookies() {
            StringBuilder header = new StringBuilder();
            jar.forEach((k, v) -> header.append(header.isEmpty() ? "" : "; ").append(k).append('=').append(v));
            return header.toString();
        }
    }

    String createOperator(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        var stdin = System.in;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream((OPERATOR_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(cli.run("admin", List.of("create", name))).isZero();
        } finally {
            System.setOut(stdout);
            System.setIn(stdin);
        }
        Matcher m = SECRET.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static String code(String secret, int stepOffset) {
        Totp totp = Totp.standard(Clock.systemUTC());
        return totp.code(Base32.decode(secret), totp.currentStep() + stepOffset);
    }

    Operator signedIn(String name, String secret) {
        Operator op = new Operator();
        Reply reply = op.post("/admin/signin", "/admin/signin",
                Map.of("username", name, "password", OPERATOR_PASSWORD, "code", code(secret, 0)));
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).endsWith("/admin/audit");
        return op;
    }

    void awaitAudit(String sql, Object... args) {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE " + sql, Long.class, args);
            if (n != null && n > 0) return;
            if (Instant.now().isAfter(until)) throw new AssertionError("no audit entry where " + sql);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }


    @Test
    void testsEachServerWithItsConfiguredSecurityAndAuditsIt() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));

        Reply page = op.get("/admin/servers");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-server=\"example.test/imap\"").contains("127.0.0.1:1993 (tls)")
                .contains("data-server=\"green.test/smtp\"").doesNotContain("style=\"").doesNotContain("changeit");

        Reply imaps = op.post("/admin/servers", "/admin/servers/test", Map.of("domain", "example.test", "protocol", "imap"));
        assertThat(imaps.status()).isEqualTo(200);
        assertThat(imaps.body()).contains("data-ok=\"true\"").containsPattern("id=\"tls-protocol\">TLSv1\\.[23]<")
                .containsPattern("id=\"tls-cipher\">TLS_[A-Z0-9_]+<").contains("id=\"cert-subject\">")
                .contains("id=\"cert-expires\">").contains("class=\"capability\">IMAP4rev1<");

        Reply smtp = op.post("/admin/servers", "/admin/servers/test", Map.of("domain", "example.test", "protocol", "smtp"));
        assertThat(smtp.body()).contains("data-ok=\"true\"").contains("id=\"unencrypted\"").doesNotContain("id=\"tls\"")
                .contains("class=\"capability\">PIPELINING<");

        Reply green = op.post("/admin/servers", "/admin/servers/test", Map.of("domain", "green.test", "protocol", "imap"));
        assertThat(green.body()).contains("data-ok=\"true\"").contains("class=\"capability\">IMAP4rev1<");

        Reply down = op.post("/admin/servers", "/admin/servers/test", Map.of("domain", "down.test", "protocol", "imap"));
        assertThat(down.body()).contains("data-ok=\"false\"").contains("Failed: ConnectException");

        Reply unknown = op.post("/admin/servers", "/admin/servers/test", Map.of("domain", "nowhere.test", "protocol", "imap"));
        assertThat(unknown.body()).contains("id=\"unknown\"");

        awaitAudit("action = 'server.test' AND actor_id = ? AND target = 'imap:example.test' AND outcome = 'success'", name);
        awaitAudit("action = 'server.test' AND actor_id = ? AND target = 'imap:down.test' AND outcome = 'failure'", name);
        awaitAudit("action = 'server.test' AND actor_id = ? AND outcome = 'not_found'", name);
        Long secrets = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE details LIKE '%changeit%'", Long.class);
        assertThat(secrets).isZero();
    }
}
