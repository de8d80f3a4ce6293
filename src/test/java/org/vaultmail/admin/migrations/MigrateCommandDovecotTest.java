package org.vaultmail.admin.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.DovecotFixture;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.vaultmail.testing.Await;

/**
 * {@code ./vaultmail migrate} against the real jobs service and engine, between the shared Dovecot servers: the second
 * server ({@code INBOX.} prefix, {@code .} separator, as a migration source) into the main one (example.test). A CLI
 * node adds the jobs; one is run by {@code migrate run} in the CLI process, the other by a "server" node sharing the
 * database, which picks it up by itself; a job that ended is refused to the other (never run twice).
 */
@Tag("dovecot")
@ExtendWith(OutputCaptureExtension.class)
class MigrateCommandDovecotTest {

    static final String RUN_SRC = "mig-cli-src@example.test";
    static final String RUN_DST = "mig-cli-dst@example.test";
    static final String SERVER_SRC = "mig-console-src@example.test";
    static final String SERVER_DST = "mig-console-dst@example.test";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static TestDatabase db;
    static ConfigurableApplicationContext cli;
    static ConfigurableApplicationContext server;
    final CommandOutput command = new CommandOutput();

    @BeforeAll
    static void start() throws Exception {
        DovecotFixture dovecot = DovecotFixture.get();
        for (String a : List.of(RUN_SRC, RUN_DST, SERVER_SRC, SERVER_DST)) {
            TestMailboxes.empty(TestMailboxes.MAIN, a);
            TestMailboxes.empty(TestMailboxes.SECOND, a);
        }
        db = TestDatabase.create(TestDatabase.Kind.H2, dir);
        List<String> args = new ArrayList<>();
        dovecot.domainProperties(0).forEach((k, v) -> args.add("--" + k + "=" + v));
        List<String> cliArgs = new ArrayList<>(args);
        cliArgs.add("--vaultmail.migrate.enabled=false");
        cliArgs.add("--vaultmail.migrate.login-tests-per-hour=0");
        cli = VaultmailNode.start(db, cliArgs);
        List<String> serverArgs = new ArrayList<>(args);
        serverArgs.addAll(List.of("--vaultmail.migrate.enabled=true", "--vaultmail.migrate.poll-interval=200ms"));
        server = VaultmailNode.start(db, serverArgs);
        // before the jobs service is merged there is nothing real to run against
        assumeTrue(cli.getBeanProvider(org.vaultmail.migrate.MigrationJobs.class).getIfAvailable() != null, "no jobs service in this build");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cli != null) cli.close();
        if (server != null) server.close();
        if (db != null) db.close();
        for (String a : List.of(RUN_SRC, RUN_DST, SERVER_SRC, SERVER_DST)) {
            TestMailboxes.empty(TestMailboxes.MAIN, a);
            TestMailboxes.empty(TestMailboxes.SECOND, a);
        }
    }

    int migrate(String... args) {
        CommandOutput.Streams io = command.next();
        return cli.getBean(MigrateCommand.class).run(List.of(args), io.out(), io.err(), Terminal.none());
    }

    Path passwordFile(String address) throws Exception {
        Path f = dir.resolve(address + ".pass");
        Files.writeString(f, address.substring(0, address.indexOf('@')) + "-pass\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    String add(String from, String to) throws Exception {
        if (migrate("sources", "list", "--json") == 0 && !command.out().contains("\"name\":\"second\"")) {
            assertThat(migrate("sources", "add", "second", "--host", "127.0.0.1", "--port", "2143", "--security", "plain"))
                    .as(command.err()).isZero();
        }
        assertThat(migrate("add", "--from", from, "--from-server", "second", "--from-password-file", passwordFile(from).toString(),
                "--to", to, "--to-password-file", passwordFile(to).toString())).as(command.err()).isZero();
        String id = command.out().strip();
        assertThat(command.out()).isEqualTo(id + "\n");
        return id;
    }

    JsonNode status(String id) {
        assertThat(migrate("status", id, "--json")).as(command.err()).isZero();
        return JSON.readTree(command.out());
    }

    @Test
    void addThenRunCopiesFromTheSecondServerIntoTheMainOneAndExitsZero(CapturedOutput logs) throws Exception {
        TestMailboxes.seed(TestMailboxes.SECOND, RUN_SRC, "INBOX", 5);
        TestMailboxes.seed(TestMailboxes.SECOND, RUN_SRC, "INBOX.Projects", 3);
        String id = add(RUN_SRC, RUN_DST);

        assertThat(migrate("run", id)).as(command.out() + command.err()).isZero();
        assertThat(command.out()).contains("Job " + id + " finished: 8 copied");

        JsonNode done = status(id);
        assertThat(done.get("state").asString()).isEqualTo("finished");
        assertThat(done.get("copied").asLong()).isEqualTo(8);
        assertThat(done.get("failed").asLong()).isZero();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(TestMailboxes.count(TestMailboxes.MAIN, RUN_DST)).isEqualTo(8);

        String again = add(RUN_SRC, RUN_DST);
        assertThat(migrate("run", again)).isZero();
        JsonNode rerun = status(again);
        assertThat(rerun.get("copied").asLong()).as("a new job for the pair copies only what is missing").isZero();
        assertThat(TestMailboxes.count(TestMailboxes.MAIN, RUN_DST)).isEqualTo(8);

        // verify: both sides read-only with the verifier; clean after the copy, exit 0
        String from = passwordFile(RUN_SRC).toString();
        String to = passwordFile(RUN_DST).toString();
        assertThat(migrate("verify", id, "--from-password-file", from, "--to-password-file", to))
                .as(command.out() + command.err()).isZero();
        assertThat(command.out()).startsWith("Job " + id + ": clean: 8 source, 8 destination messages");
        assertThat(migrate("verify", id, "--json", "--from-password-file", from, "--to-password-file", to)).isZero();
        JsonNode verified = JSON.readTree(command.out());
        assertThat(verified.get("clean").asBoolean()).isTrue();
        assertThat(verified.get("folders").findValuesAsString("source")).contains("INBOX", "INBOX.Projects");

        // a message the source does not have, put on the destination by someone else: different, exit 2
        TestMailboxes.seed(TestMailboxes.MAIN, RUN_DST, "INBOX", 1);
        assertThat(migrate("verify", id, "--from-password-file", from, "--to-password-file", to)).isEqualTo(2);
        assertThat(command.out()).contains("DIFFERENT").contains("INBOX -> INBOX: 5/6 missing 0, extra 1");

        // a wrong password is refused by the server and never printed
        Path wrong = dir.resolve("wrong.pass");
        Files.writeString(wrong, "Not-The-Password-7f31\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        assertThat(migrate("verify", id, "--from-password-file", wrong.toString(), "--to-password-file", to)).isEqualTo(1);
        assertThat(command.err()).contains("refused (source_login_failed)").doesNotContain("Not-The-Password-7f31");
        assertThat(command.out()).doesNotContain("Not-The-Password-7f31");
        assertThat(logs.getAll()).doesNotContain("mig-cli-src-pass").doesNotContain("mig-cli-dst-pass")
                .doesNotContain("Not-The-Password-7f31");
    }

    @Test
    void aJobAddedFromTheCliIsPickedUpByARunningServerAndNotRunTwice() throws Exception {
        TestMailboxes.seed(TestMailboxes.SECOND, SERVER_SRC, "INBOX", 4);
        String id = add(SERVER_SRC, SERVER_DST);

        JsonNode s = Await.until("job " + id + " finished", Duration.ofSeconds(60), () -> status(id),
                j -> j.get("state").asString().equals("finished"));
        assertThat(s.get("state").asString()).isEqualTo("finished");
        assertThat(s.get("copied").asLong()).isEqualTo(4);
        assertThat(TestMailboxes.count(TestMailboxes.MAIN, SERVER_DST)).isEqualTo(4);

        assertThat(migrate("run", id)).isEqualTo(1);
        assertThat(command.err()).contains("refused (conflict)");
    }
}
