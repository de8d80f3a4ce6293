package org.vaultmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.auth.session.SigningKeys;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/** {@code ./vaultmail auth-keys list|rotate} on H2; that old tokens stay valid is in {@code SessionsApiTest}. */
class AuthKeysCommandTest {

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
    void rotateAddsANewCurrentKeyAndKeepsTheOldOnes() {
        assertThat(run("list")).isZero();
        assertThat(out()).contains("No signing key yet");

        assertThat(run("rotate")).isZero();
        String first = node.getBean(SigningKeys.class).kids().getFirst();
        assertThat(out()).contains("New current signing key " + first);
        assertThat(run("rotate")).isZero();
        List<String> kids = node.getBean(SigningKeys.class).kids();

        assertThat(kids).hasSize(2).endsWith(first);
        assertThat(run("list")).isZero();
        assertThat(out()).contains(kids.getFirst() + "  current").contains(first);
        assertThat(node.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForList("SELECT secret FROM auth_signing_keys", byte[].class)).allSatisfy(s -> assertThat(s).hasSizeGreaterThan(32 + 16));
    }

    @Test
    void unknownActionIsAUsageError() {
        assertThat(run("delete")).isEqualTo(64);
        assertThat(err()).contains("unknown auth-keys action 'delete'").contains("usage: ./vaultmail auth-keys");
    }

    private int run(String... args) {
        CommandOutput.Streams io = command.next();
        return node.getBean(AuthKeysCommand.class).run(List.of(args), io.out(), io.err());
    }

    private String out() {
        return command.out();
    }

    private String err() {
        return command.err();
    }
}
