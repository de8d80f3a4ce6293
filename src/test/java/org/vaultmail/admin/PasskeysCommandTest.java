package org.vaultmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.auth.passkeys.PasskeySignInPolicy;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/** {@code ./vaultmail passkeys policy} on H2 (ADR 0051): allow, forbid, default per domain; persisted and audited. */
class PasskeysCommandTest {

    @TempDir
    Path dataDir;

    TestDatabase db;
    ConfigurableApplicationContext node;
    final CommandOutput command = new CommandOutput();

    @BeforeEach
    void start() {
        db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
        node = VaultmailNode.start(db);
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (db != null) db.close();
    }

    @Test
    void forbidAllowAndDefaultArePersistedListedAndAudited() {
        PasskeySignInPolicy policy = node.getBean(PasskeySignInPolicy.class);
        assertThat(run("policy", "Example.COM", "forbid")).isZero();
        assertThat(command.out()).contains("example.com: forbidden");
        assertThat(policy.allows("a@example.com")).isFalse();
        assertThat(run("policy")).isZero();
        assertThat(command.out()).contains("Default for domains not listed: allow").contains("example.com  forbid  (cli, ");
        assertThat(run("policy", "example.com", "default")).isZero();
        assertThat(policy.allows("a@example.com")).isTrue();
        assertThat(policy.rules()).isEmpty();
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        Await.until("audit of both changes", java.time.Duration.ofSeconds(10), () -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'passkey.policy.change' AND target = 'domain:example.com'",
                Long.class) == 2);
    }

    @Test
    void aWrongSettingOrDomainIsAUsageError() {
        assertThat(run("policy", "example.com", "maybe")).isEqualTo(64);
        assertThat(command.err()).contains("say allow, forbid or default").contains("usage: ./vaultmail passkeys");
        assertThat(run("policy", "not a domain", "allow")).isEqualTo(64);
        assertThat(command.err()).contains("not a mail domain");
        assertThat(run("rotate")).isEqualTo(64);
    }

    private int run(String... args) {
        CommandOutput.Streams io = command.next();
        return node.getBean(PasskeysCommand.class).run(List.of(args), io.out(), io.err());
    }
}
