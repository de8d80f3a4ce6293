package org.vaultmail.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vaultmail.VaultmailApplication;
import org.vaultmail.auth.passkeys.PasskeySignInPolicy;
import org.vaultmail.testing.HttpCalls.Reply;

/**
 * The console's passkey sign-in page (ADR 0051): every configured domain with its setting, forbid/allow/default saved,
 * in force at once, audited as the operator.
 */
@SpringBootTest(classes = VaultmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PasskeyPolicyConsoleTest extends ConsoleTestSupport {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("vaultmail-admin-passkeys-");
            registry.add("vaultmail.data-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vaultmail.scheduling.enabled", () -> "false");
        for (String[] d : new String[][] {{"0", "example.test"}, {"1", "other.test"}}) {
            String p = "vaultmail.domains[" + d[0] + "].";
            registry.add(p + "domain", () -> d[1]);
            registry.add(p + "imap.host", () -> "127.0.0.1");
            registry.add(p + "imap.port", () -> "1");
            registry.add(p + "imap.security", () -> "plain");
            registry.add(p + "smtp.host", () -> "127.0.0.1");
            registry.add(p + "smtp.port", () -> "1");
            registry.add(p + "smtp.security", () -> "plain");
        }
    }

    @Autowired
    PasskeySignInPolicy policy;

    PasskeyPolicyConsoleTest() {
        super("Passkey-Policy-Operator-7f1c");
    }

    @Test
    void anOperatorForbidsAndRestoresPasskeySignInPerDomainAndItIsAudited() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));

        Reply page = op.get("/admin/passkeys");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-domain=\"example.test\" data-setting=\"default\"")
                .contains("data-domain=\"other.test\" data-setting=\"default\"").contains("id=\"nav-passkeys\"");

        Reply saved = op.postAndFollow("/admin/passkeys", "/admin/passkeys", Map.of("domain", "example.test", "setting", "forbid"));
        assertThat(saved.body()).contains("id=\"saved\"").contains("data-domain=\"example.test\" data-setting=\"forbid\"")
                .contains("data-domain=\"other.test\" data-setting=\"default\"");
        assertThat(policy.allows("someone@example.test")).isFalse();
        assertThat(policy.allows("someone@other.test")).isTrue();

        op.postAndFollow("/admin/passkeys", "/admin/passkeys", Map.of("domain", "example.test", "setting", "default"));
        assertThat(policy.allows("someone@example.test")).isTrue();
        awaitAudit("action = 'passkey.policy.change' AND actor_id = ? AND target = 'domain:example.test' AND details LIKE '%forbid%'", name);
        awaitAudit("action = 'passkey.policy.change' AND actor_id = ? AND target = 'domain:example.test' AND details LIKE '%default%'", name);

        Reply invalid = op.postAndFollow("/admin/passkeys", "/admin/passkeys", Map.of("domain", "not a domain", "setting", "allow"));
        assertThat(invalid.body()).contains("id=\"invalid\"");
    }

    /** The refusal is the page's own text (input.passkeys.domain) in the operator's language, English as before. */
    @Test
    void aDomainThatIsNotOneIsRefusedInTheOperatorsLanguage() {
        String name = "op-" + UUID.randomUUID().toString().substring(0, 6);
        Operator op = signedIn(name, createOperator(name));

        assertThat(refusedPage(op, "en").body()).contains("id=\"invalid\"").contains("not a mail domain: give it like example.com");
        assertThat(refusedPage(op, "fr").body()).contains("id=\"invalid\"")
                .contains("Ce n’est pas un domaine de messagerie : indiquez-le comme example.com");
        assertThat(refusedPage(op, "de").body()).contains("Keine Maildomain: geben Sie sie wie example.com an");
    }

    private Reply refusedPage(Operator op, String language) {
        Reply posted = op.post("/admin/passkeys", "/admin/passkeys", Map.of("domain", "not a domain", "setting", "allow"));
        assertThat(posted.status()).isEqualTo(302);
        String target = posted.header("Location").replaceFirst("^https?://[^/]+", "");
        return op.keep(op.http.get(target, "Cookie", op.cookies(), "Accept-Language", language));
    }
}
