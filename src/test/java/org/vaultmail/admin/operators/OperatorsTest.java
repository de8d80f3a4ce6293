package org.vaultmail.admin.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.vaultmail.admin.CommandLineInterface;
import org.vaultmail.auth.mfa.Base32;
import org.vaultmail.auth.mfa.Totp;
import org.vaultmail.testing.DatabaseDump;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.Secret;

/** {@code ./vaultmail admin …} and {@link OperatorAuthenticator}, on H2. */
@ExtendWith(OutputCaptureExtension.class)
class OperatorsTest {

    static final String PASSWORD = "Operator-Canary-7f3a9c";
    private static final Pattern SECRET = Pattern.compile("secret: +([A-Z2-7]+)");

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

    int admin(String stdin, String... args) {
        CommandOutput.Streams io = command.next();
        return node.getBean(AdminCommand.class).run(List.of(args), null,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                io.out(), io.err());
    }

    String out() {
        return command.out();
    }

    String err() {
        return command.err();
    }

    @Test
    void createStoresAnArgon2idHashAndPrintsTheTotpSetupOnce(CapturedOutput output) {
        assertThat(admin(PASSWORD + "\n", "create", "Root")).isZero();
        String secret = secret();

        assertThat(out()).contains("otpauth://totp/Vaultmail:root?secret=").contains("issuer=Vaultmail").doesNotContain(PASSWORD);
        String hash = jdbc().sql("SELECT password_hash FROM operators WHERE username = 'root'").query(String.class).single();
        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(DatabaseDump.of(node.getBean(DataSource.class))).doesNotContain(PASSWORD).doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(PASSWORD);
        assertThat(admin("", "list")).isZero();
        assertThat(out()).contains("root").doesNotContain(secret);
    }

    @Test
    void verifyNeedsTheRightPasswordAndAnUnusedCurrentCode() {
        admin(PASSWORD + "\n", "create", "root");
        Totp totp = Totp.standard(Clock.systemUTC());
        byte[] key = Base32.decode(secret());
        String code = totp.code(key, totp.currentStep());
        OperatorAuthenticator authenticator = node.getBean(OperatorAuthenticator.class);

        assertThat(authenticator.verify("root", Secret.ofUtf8("wrong-password-123"), code)).as("wrong password").isFalse();
        assertThat(authenticator.verify("root", Secret.ofUtf8(PASSWORD), totp.code(key, totp.currentStep() + 5)))
                .as("wrong code").isFalse();
        assertThat(authenticator.verify("nobody", Secret.ofUtf8(PASSWORD), code)).as("unknown operator").isFalse();
        assertThat(authenticator.verify("ROOT", Secret.ofUtf8(PASSWORD), code)).isTrue();
        assertThat(authenticator.verify("root", Secret.ofUtf8(PASSWORD), code)).as("replayed code").isFalse();
    }

    /** Loose: medians of 8 interleaved tries; an unknown name runs the same Argon2id (a dummy hash) through the same gate. */
    @Test
    void anUnknownNameTakesAsLongAsAKnownNameWithAWrongPassword() {
        OperatorAuthenticator authenticator = node.getBean(OperatorAuthenticator.class);
        List<Long> known = new java.util.ArrayList<>();
        List<Long> unknown = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) admin(PASSWORD + "\n", "create", "known-" + i);
        authenticator.verify("warm-up", Secret.ofUtf8("wrong-password-123"), "000000");
        for (int i = 0; i < 8; i++) {
            int n = i;
            known.add(timed(() -> authenticator.verify("known-" + n, Secret.ofUtf8("wrong-password-123"), "000000")));
            unknown.add(timed(() -> authenticator.verify("unknown-" + n, Secret.ofUtf8("wrong-password-123"), "000000")));
        }
        long k = median(known);
        long u = median(unknown);
        assertThat(Math.abs(k - u)).as("median known %d ms vs unknown %d ms", k, u).isLessThanOrEqualTo(Math.max(30, k / 2));
        assertThat(u).as("an unknown name costs an Argon2id verification").isGreaterThanOrEqualTo(5);
    }

    private static long timed(java.util.function.BooleanSupplier call) {
        long t0 = System.nanoTime();
        assertThat(call.getAsBoolean()).isFalse();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    @Test
    void shortPasswordsAndPasswordsOnTheCommandLineAreRefused() {
        assertThat(admin("short-pw\n", "create", "root")).isEqualTo(1);
        assertThat(err()).contains("at least 12 characters");
        assertThat(admin(PASSWORD + "\n", "create", "root", PASSWORD)).isEqualTo(64);
        assertThat(err()).doesNotContain(PASSWORD);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM operators").query(Long.class).single()).isZero();
    }

    @Test
    void deleteRemovesTheOperatorAndDuplicatesAreRefused() {
        admin(PASSWORD + "\n", "create", "root");
        assertThat(admin(PASSWORD + "\n", "create", "root")).isEqualTo(1);
        assertThat(err()).contains("already exists");

        assertThat(admin("", "delete", "root")).isZero();
        assertThat(admin("", "delete", "root")).isEqualTo(1);
        assertThat(admin("", "list")).isZero();
        assertThat(out()).contains("No operators.");
    }

    @Test
    void theOperatorTotpColumnIsCoveredByKeyStatus() {
        admin(PASSWORD + "\n", "create", "root");
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        try (PrintStream capture = new PrintStream(status, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            assertThat(node.getBean(CommandLineInterface.class).run("keys", List.of("status"))).isZero();
        } finally {
            System.setOut(previous);
        }
        assertThat(status.toString(StandardCharsets.UTF_8)).contains("operators.totp_secret=1");
    }

    private String secret() {
        Matcher m = SECRET.matcher(out());
        assertThat(m.find()).as("secret line in: " + out()).isTrue();
        return m.group(1);
    }

    private JdbcClient jdbc() {
        return node.getBean(JdbcClient.class);
    }
}
