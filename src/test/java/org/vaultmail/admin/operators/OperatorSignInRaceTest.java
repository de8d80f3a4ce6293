package org.vaultmail.admin.operators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;
import org.vaultmail.vault.Secret;

/**
 * ADR 0027: an operator sign-in is counted before its check, so a burst of parallel wrong guesses at one name
 * (from distinct clients, on one node on H2 and on two nodes sharing PostgreSQL) gets exactly the threshold checked.
 */
class OperatorSignInRaceTest {

    static final String PASSWORD = "Operator-Race-Canary-4e0d";
    static final List<String> ARGS = List.of("--vaultmail.admin.signin.argon2-queue=64", "--vaultmail.admin.signin.argon2-wait=60s");

    @TempDir
    Path dataDir;

    TestDatabase db;
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (db != null) db.close();
    }

    @Test
    void thirtyTwoParallelWrongPasswordsForOneNameOnOneNodeAreCheckedAtMostFiveTimes() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
        nodes.add(VaultmailNode.start(db, ARGS));
        assertBurstIsCheckedFiveTimes();
    }

    @Test
    @Tag("postgres")
    void thirtyTwoParallelWrongPasswordsForOneNameOnTwoNodesAreCheckedAtMostFiveTimes() throws Exception {
        db = TestDatabase.create(TestDatabase.Kind.POSTGRES, dataDir);
        nodes.add(VaultmailNode.start(db, ARGS));
        nodes.add(VaultmailNode.start(db, ARGS));
        assertBurstIsCheckedFiveTimes();
    }

    private void assertBurstIsCheckedFiveTimes() throws Exception {
        CommandOutput command = new CommandOutput();
        CommandOutput.Streams io = command.next();
        assertThat(nodes.getFirst().getBean(AdminCommand.class).run(List.of("create", "victim"), null,
                new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)), io.out(), io.err())).isZero();

        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService burst = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                int n = i;
                OperatorAuthenticator authenticator = nodes.get(n % nodes.size()).getBean(OperatorAuthenticator.class);
                results.add(burst.submit(() -> {
                    go.await();
                    try (Secret wrong = Secret.ofUtf8("wrong-password-" + n)) {
                        return authenticator.verify("victim", wrong, "000000", "192.0.2." + (n + 1), null);
                    }
                }));
            }
            go.countDown();
            for (Future<Boolean> r : results) assertThat(r.get()).isFalse();
        }
        Integer counted = db.jdbc().queryForObject(
                "SELECT failures FROM operator_signin_failures WHERE kind = 'name' AND subject = 'victim'", Integer.class);
        assertThat(counted).as("attempts that reached the password check").isEqualTo(5);
    }
}
