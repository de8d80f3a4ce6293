package org.vaultmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.SealedRows;
import org.vaultmail.vault.Vault;

/** {@code ./vaultmail keys …} and the keys doctor check, on H2. */
class KeysCommandTest {

    @TempDir
    Path dataDir;

    TestDatabase db;
    ConfigurableApplicationContext node;
    final CommandOutput command = new CommandOutput();

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (db != null) db.close();
    }

    void start(String... args) {
        db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
        node = VaultmailNode.start(db, List.of(args), SealedRows.class);
        SealedRows.createTable(node.getBean(JdbcTemplate.class));
    }

    int keys(String... args) {
        CommandOutput.Streams io = command.next();
        return node.getBean(KeysCommand.class).run(List.of(args), io.out(), io.err());
    }

    String out() {
        return command.out();
    }

    String err() {
        return command.err();
    }

    @Test
    void rotateRewrapRetireThenStatusShowsOnlyTheNewKey() {
        start();
        SealedRows.seed(node.getBean(Vault.class), node.getBean(JdbcTemplate.class), 1, 42);
        long old = node.getBean(Vault.class).primaryKeyId();

        assertThat(keys("status")).isZero();
        assertThat(out()).containsPattern("(?m)^" + old + " +yes +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +43 ").contains("audit_mac_key.sealed=1", "vault_test_secret.secret=42").contains("0 row(s) not yet under the primary");
        assertThat(keys("rotate")).isZero();
        long primary = node.getBean(Vault.class).primaryKeyId();
        assertThat(out()).contains("New primary data key " + primary).contains("keys retire " + old);

        assertThat(keys("retire", Long.toString(old))).isEqualTo(1);
        assertThat(err()).isEqualTo("vaultmail keys retire: key " + old
                + " still seals audit_mac_key.sealed: 1 rows, vault_test_secret.secret: 42 rows; run 'keys rewrap' first\n");

        assertThat(keys("rewrap", "--batch", "10")).isZero();
        assertThat(err()).contains("\r[##############################] 43/43 rows");
        assertThat(out()).contains("Rewrapped 43 row(s) under key " + primary);

        assertThat(keys("retire", Long.toString(old))).isZero();
        assertThat(keys("status")).isZero();
        assertThat(out()).containsPattern("(?m)^" + primary + " +yes +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +43 ").doesNotContain(Long.toString(old));
    }

    @Test
    void retiringThePrimaryExitsOneWithOneLineAndNoStackTrace() {
        start();
        long primary = node.getBean(Vault.class).primaryKeyId();

        assertThat(keys("retire", Long.toString(primary))).isEqualTo(1);
        assertThat(err().lines()).containsExactly("vaultmail keys retire: key " + primary + " is the primary data key; rotate and rewrap first");
    }

    @Test
    void usageMistakesExit64() {
        start();
        for (List<String> args : List.of(List.<String>of(), List.of("frob"), List.of("retire"), List.of("retire", "abc"),
                List.of("rewrap", "--batch"), List.of("rewrap", "--batch", "0"), List.of("rewrap", "--rate", "x"),
                List.of("status", "extra"))) {
            assertThat(keys(args.toArray(String[]::new))).as("keys %s", args).isEqualTo(64);
            assertThat(err()).contains("usage: ./vaultmail keys status");
        }
    }

    @Test
    void progressBarShowsDoneTotalAndRate() {
        assertThat(KeysCommand.ProgressBar.render(51234, 100000, 8123.4))
                .isEqualTo("[###############...............] 51234/100000 rows  8123 rows/s");
        assertThat(KeysCommand.ProgressBar.render(0, 0, 0)).startsWith("[##############################] 0/0");
    }

    @Test
    void doctorWarnsWhenTheKeysetWasGeneratedBesideTheData() {
        start();
        var findings = node.getBean(KeysDoctorCheck.class).check();

        assertThat(findings.getFirst().level()).isEqualTo(DoctorCheck.Level.WARN);
        assertThat(findings.getFirst().message()).contains("generated beside the data").contains("keyset.json");
        assertThat(findings).anyMatch(f -> f.level() == DoctorCheck.Level.OK && f.message().contains("data primary key"));
    }

    @Test
    void doctorWarnsWhenKeysComeFromTheEnvironmentAndNeverPrintsThem() {
        String key = Base64.getEncoder().encodeToString(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        start("--vaultmail.vault.encryption-keys=9:" + key);
        var findings = node.getBean(KeysDoctorCheck.class).check();

        assertThat(findings.getFirst().level()).isEqualTo(DoctorCheck.Level.WARN);
        assertThat(findings.getFirst().message()).contains("VAULTMAIL_ENCRYPTION_KEYS").contains("OWASP");
        assertThat(findings.toString()).doesNotContain(key).contains("root primary key 9 of [9]");
    }
}
