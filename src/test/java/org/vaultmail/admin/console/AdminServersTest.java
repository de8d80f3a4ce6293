package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.GreenMailFixture;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * The mail servers page against real servers: the shared Dovecot (IMAPS with its test certificate,
 * Postfix SMTP on loopback) and GreenMail (plain). Test connection reports TLS, certificate and
 * capabilities without signing in, and is audited.
 */
@Tag("dovecot")
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminServersTest extends ConsoleTestSupport {

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

    AdminServersTest() {
        super(OPERATOR_PASSWORD);
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
