package org.vaultmail.admin.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.FakeMigrations;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./vaultmail migrate …} end to end through the command bean in a started node (H2), over the in-memory jobs
 * service of {@link FakeMigrations}: ids on stdout only, passwords from files only (never printed or logged), the
 * exact {@code status --json} shape, mirror confirmation, exit codes.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrateCommandTest {

    static final String FROM_CANARY = "Canary-From-Pass-7c1e";
    static final String TO_CANARY = "Canary-To-Pass-e91a";

    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    TestDatabase db;
    ConfigurableApplicationContext node;
    FakeMigrations.Jobs jobs;
    final CommandOutput command = new CommandOutput();
    Path fromFile;
    Path toFile;

    @BeforeEach
    void start() throws IOException {
        db = TestDatabase.create(TestDatabase.Kind.H2, dataDir);
        node = VaultmailNode.start(db, FakeMigrations.class);
        jobs = node.getBean(FakeMigrations.Jobs.class);
        fromFile = secret("from.pass", FROM_CANARY + "\n");
        toFile = secret("to.pass", TO_CANARY);
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (db != null) db.close();
    }

    Path secret(String name, String content) throws IOException {
        Path f = files.resolve(name);
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    int migrate(String... args) {
        return atTerminal(null, args);
    }

    int atTerminal(@Nullable String typed, String... args) {
        CommandOutput.Streams io = command.next();
        Terminal terminal = typed == null ? Terminal.none() : new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String ask(String prompt) {
                return typed;
            }
        };
        return node.getBean(MigrateCommand.class).run(List.of(args), io.out(), io.err(), terminal);
    }

    String add(String from, String... more) {
        List<String> args = new ArrayList<>(List.of("add", "--from", from, "--from-password-file", fromFile.toString(),
                "--to", "alice@example.test", "--to-password-file", toFile.toString()));
        args.addAll(List.of(more));
        assertThat(migrate(args.toArray(String[]::new))).as(command.err()).isZero();
        return command.out().strip();
    }

    @Test
    void addPrintsOnlyTheJobIdAndTakesThePasswordsFromTheFilesLessOneNewline() {
        String id = add("old@example.test");

        assertThat(command.out()).isEqualTo(id + "\n").matches("mj_\\w+\n");
        assertThat(command.err()).isEmpty();
        assertThat(jobs.passwordsSeen).containsExactly(FROM_CANARY, TO_CANARY);
        assertThat(jobs.actors).containsExactly("cli");
        assertThat(jobs.find(id, org.vaultmail.migrate.Requester.cli()).orElseThrow().sourceServer()).isEqualTo("example.test");
    }

    @Test
    void aPasswordFileReadableByOthersIsUsedWithAWarningThatNamesOnlyThePath() throws IOException {
        Files.setPosixFilePermissions(fromFile, PosixFilePermissions.fromString("rw-r--r--"));

        add("old@example.test");

        assertThat(command.err()).isEqualTo("warning: " + fromFile + " is readable by group or others; chmod 600 " + fromFile + "\n");
    }

    @Test
    void passwordsAreNeverPrintedNorLoggedWhateverHappens(CapturedOutput logs) throws IOException {
        String id = add("old@example.test", "--folders", "INBOX,Sent", "--since", "2024-01-01");
        StringBuilder all = new StringBuilder(command.out() + command.err());
        for (String[] args : List.of(new String[] {"status", id}, new String[] {"status", id, "--json"}, new String[] {"list"},
                new String[] {"list", "--json"}, new String[] {"run", id}, new String[] {"status", id})) {
            migrate(args);
            all.append(command.out()).append(command.err());
        }
        Path wrong = secret("wrong.pass", "wrong-" + FROM_CANARY);
        assertThat(migrate("add", "--from", "old@example.test", "--from-password-file", wrong.toString(), "--to",
                "alice@example.test", "--to-password-file", toFile.toString())).isEqualTo(1);
        assertThat(command.err()).startsWith("vaultmail migrate add: refused (source_login_failed): ");
        all.append(command.out()).append(command.err());

        assertThat(all.toString()).contains(id).doesNotContain(FROM_CANARY).doesNotContain(TO_CANARY);
        assertThat(logs.getAll()).doesNotContain(FROM_CANARY).doesNotContain(TO_CANARY);
    }

    @Test
    void aPasswordOnTheCommandLineIsNotAnOptionAtAll() {
        assertThat(migrate("add", "--from", "old@example.test", "--from-password", FROM_CANARY, "--to", "alice@example.test",
                "--to-password-file", toFile.toString())).isEqualTo(64);
        assertThat(command.err()).contains("unknown option --from-password").doesNotContain(FROM_CANARY);
        assertThat(jobs.passwordsSeen).isEmpty();
    }

    @Test
    void statusJsonHasExactlyTheIssuesShape() {
        String id = add("old@example.test");
        assertThat(migrate("status", id, "--json")).isZero();
        JsonNode queued = JsonMapper.builder().build().readTree(command.out());
        assertThat(queued.propertyNames()).containsExactly("id", "state", "folders", "copied", "failed", "bytes", "startedAt", "finishedAt");
        assertThat(queued.get("state").asString()).isEqualTo("queued");
        assertThat(queued.get("startedAt").isNull()).isTrue();
        assertThat(queued.get("folders").isEmpty()).isTrue();

        assertThat(migrate("run", id)).isZero();
        assertThat(migrate("status", id, "--json")).isZero();
        JsonNode done = JsonMapper.builder().build().readTree(command.out());
        assertThat(done.get("id").asString()).isEqualTo(id);
        assertThat(done.get("state").asString()).isEqualTo("finished");
        assertThat(done.get("folders")).hasSize(3);
        assertThat(done.get("folders").get(2).propertyNames()).containsExactly("source", "destination", "sourceCount",
                "destinationCount", "copied", "present", "failed", "notes");
        assertThat(done.get("folders").get(2).get("notes").isEmpty()).isTrue();
        JsonNode note = done.get("folders").get(1).get("notes").get(0);
        assertThat(note.get("kind").asString()).isEqualTo("flags-not-settable");
        assertThat(note.get("detail").asString()).isEqualTo("$Phishing");
        assertThat(note.get("text").asString()).isEqualTo("flags the destination does not allow, not set: $Phishing");
        assertThat(done.get("folders").get(2).get("destination").asString()).isEqualTo("Archive/2024");
        assertThat(done.get("copied").asLong()).isEqualTo(24);
        assertThat(done.get("failed").asLong()).isZero();
        assertThat(done.get("bytes").asLong()).isEqualTo(24_000);
        assertThat(java.time.Instant.parse(done.get("startedAt").asString())).isBeforeOrEqualTo(java.time.Instant.parse(done.get("finishedAt").asString()));
    }

    @Test
    void runWithoutATerminalPrintsOneLinePerFolderAndExitsZeroOnlyWhenNothingFailed() {
        String ok = add("old@example.test");
        assertThat(migrate("run", ok)).isZero();
        assertThat(command.out().lines()).containsExactly(
                "INBOX -> INBOX: 8 copied, 2 present, 0 failed (10 in source, 10 in destination)",
                "Sent -> Sent: 8 copied, 2 present, 0 failed (10 in source, 10 in destination); "
                        + "note: flags the destination does not allow, not set: $Phishing",
                "Archive.2024 -> Archive/2024: 8 copied, 2 present, 0 failed (10 in source, 10 in destination)",
                "Job " + ok + " finished: 24 copied, 6 already present, 0 failed, 23.4 KiB.");
        assertThat(command.err()).isEmpty();

        String failing = add("failing@example.test");
        assertThat(migrate("run", failing)).isEqualTo(2);
        assertThat(command.out()).contains("INBOX -> INBOX: 6 copied, 2 present, 2 failed");
        assertThat(migrate("status", failing)).isZero();
        assertThat(command.out()).contains("Messages that failed (folder, UID, reason):").contains("INBOX  7  the source server answered NO to FETCH")
                .contains("    note: flags the destination does not allow, not set: $Phishing");

        String cancelled = add("old@example.test");
        assertThat(migrate("cancel", cancelled)).isZero();
        assertThat(command.out()).isEqualTo("Job " + cancelled + ": cancelled\n");
        assertThat(migrate("run", cancelled)).isEqualTo(1);
        assertThat(command.err()).startsWith("vaultmail migrate run: refused (conflict)");
    }

    @Test
    void verifyNeedsBothPasswordFilesAndAFinishedJob() {
        String id = add("old@example.test");
        assertThat(migrate("verify", id)).isEqualTo(64);
        assertThat(command.err()).contains("--from-password-file");
        assertThat(migrate("verify", id, "--from-password-file", fromFile.toString(), "--to-password-file", toFile.toString()))
                .isEqualTo(1);
        assertThat(command.err()).startsWith("vaultmail migrate verify: refused (conflict): only a finished job can be verified");
        assertThat(migrate("verify", "mj_nothing", "--from-password-file", fromFile.toString(), "--to-password-file",
                toFile.toString())).isEqualTo(1);
        assertThat(command.err()).contains("refused (not_found)");
    }

    @Test
    void runOnATerminalDrawsABarOnStandardError() {
        String id = add("old@example.test");
        assertThat(atTerminal("yes", "run", id)).isZero();
        assertThat(command.err()).contains("\r[##########....................] 1/3 folders, 10/30 messages")
                .contains("\r[##############################] 3/3 folders, 30/30 messages");
        assertThat(command.out()).isEqualTo("Job " + id + " finished: 24 copied, 6 already present, 0 failed, 23.4 KiB.\n");
    }

    @Test
    void mirrorNeedsYesWithoutATerminalOrTheWordMirrorTypedAtOne() {
        List<String> base = List.of("add", "--from", "old@example.test", "--from-password-file", fromFile.toString(), "--to",
                "alice@example.test", "--to-password-file", toFile.toString(), "--mode", "mirror");
        assertThat(migrate(base.toArray(String[]::new))).isEqualTo(64);
        assertThat(command.err()).contains("--mode mirror deletes from the destination").contains("--yes");
        assertThat(command.out()).isEmpty();
        assertThat(atTerminal("no", base.toArray(String[]::new))).isEqualTo(64);
        assertThat(command.err()).contains("mirror mode not confirmed");
        assertThat(jobs.passwordsSeen).isEmpty();

        assertThat(atTerminal("mirror", base.toArray(String[]::new))).isZero();
        List<String> withYes = new ArrayList<>(base);
        withYes.add("--yes");
        assertThat(migrate(withYes.toArray(String[]::new))).isZero();
        String id = command.out().strip();
        assertThat(migrate("status", id)).isZero();
        assertThat(command.out()).contains("options  mirror");
    }

    @Test
    void pauseResumeCancelAndUnknownIds() {
        String id = add("old@example.test");
        assertThat(migrate("pause", id)).isZero();
        assertThat(command.out()).isEqualTo("Job " + id + ": paused\n");
        assertThat(migrate("resume", id)).isZero();
        assertThat(command.out()).isEqualTo("Job " + id + ": queued\n");
        assertThat(migrate("cancel", id)).isZero();
        assertThat(migrate("cancel", id)).isEqualTo(1);
        assertThat(command.err()).contains("refused (conflict)");
        for (String action : List.of("status", "pause", "resume", "cancel")) {
            assertThat(migrate(action, "mj_nope")).as(action).isEqualTo(1);
            assertThat(command.err()).isEqualTo("vaultmail migrate " + action + ": no job 'mj_nope'\n");
        }
    }

    @Test
    void listShowsEveryJobAndJsonHasNoCredentialField() {
        String a = add("old@example.test");
        String b = add("other@example.test", "--from-server", "green.test");
        assertThat(migrate("list")).isZero();
        assertThat(command.out()).contains(a).contains(b).contains("other@example.test@green.test -> alice@example.test@example.test");
        assertThat(migrate("list", "--json")).isZero();
        JsonNode list = JsonMapper.builder().build().readTree(command.out());
        assertThat(list).hasSize(2);
        assertThat(command.out().toLowerCase(java.util.Locale.ROOT)).doesNotContain("password").doesNotContain("secret");
    }

    @Test
    void usageMistakesExit64() {
        for (List<String> args : List.of(List.<String>of(), List.of("frob"), List.of("run"), List.of("status"),
                List.of("add", "--from", "a@example.test"), List.of("add", "--from"),
                List.of("add", "--from", "a@example.test", "--from-password-file", "f", "--to", "b@example.test",
                        "--to-password-file", "g", "--mode", "move"),
                List.of("add", "--from", "a@example.test", "--from-password-file", "f", "--to", "b@example.test",
                        "--to-password-file", "g", "--since", "yesterday"),
                List.of("sources", "add", "x", "--host", "h", "--port", "99999", "--security", "tls"))) {
            assertThat(migrate(args.toArray(String[]::new))).as("migrate %s", args).isEqualTo(64);
            assertThat(command.err()).contains("usage: ./vaultmail migrate add");
        }
    }

    @Test
    void aMissingPasswordFileExitsOneNamingTheFile() {
        assertThat(migrate("add", "--from", "a@example.test", "--from-password-file", files.resolve("nope").toString(),
                "--to", "b@example.test", "--to-password-file", toFile.toString())).isEqualTo(1);
        assertThat(command.err()).isEqualTo("vaultmail migrate add: password file " + files.resolve("nope") + ": no such file\n");
    }

    @Test
    void sourcesAreAddedListedAndRemovedAsTheCliOperator() {
        assertThat(migrate("sources", "add", "oldhost", "--host", "imap.old.test", "--port", "993", "--security", "tls")).isZero();
        assertThat(command.out()).isEqualTo("Migration source oldhost: imap.old.test:993 (tls) saved.\n");
        assertThat(migrate("sources", "list")).isZero();
        assertThat(command.out()).containsPattern("oldhost +imap.old.test +993 tls +\\(system\\)");
        assertThat(migrate("sources", "list", "--json")).isZero();
        assertThat(command.out()).contains("\"name\":\"oldhost\"").contains("\"security\":\"tls\"");
        assertThat(migrate("sources", "add", "Bad Name", "--host", "h", "--port", "143", "--security", "plain")).isEqualTo(1);
        assertThat(command.err()).contains("refused (invalid_options)");
        assertThat(migrate("sources", "remove", "oldhost")).isZero();
        assertThat(migrate("sources", "remove", "oldhost")).isEqualTo(1);
        assertThat(node.getBean(FakeMigrations.Sources.class).actors).containsOnly("cli");
    }

    @Test
    void addBatchMakesOneJobPerCsvLineWithPasswordsFromTheDirectory(CapturedOutput logs) throws IOException {
        Path dir = Files.createDirectories(files.resolve("pw"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(dir.resolve("from"));
        Files.createDirectories(dir.resolve("to"));
        for (Path d : List.of(dir.resolve("from"), dir.resolve("to"))) Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        for (String who : List.of("ann", "bob")) {
            Files.writeString(dir.resolve("from/" + who + "@example.test"), "From-" + who + "-" + FROM_CANARY + "\n");
            Files.writeString(dir.resolve("to/" + who + "@example.test"), "To-" + who + "-" + TO_CANARY + "\n");
            Files.setPosixFilePermissions(dir.resolve("from/" + who + "@example.test"), PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(dir.resolve("to/" + who + "@example.test"), PosixFilePermissions.fromString("rw-------"));
        }
        Path csv = files.resolve("users.csv");
        Files.writeString(csv, """
                source,destination
                # moved on Monday
                ann@example.test,ann@example.test
                carl@example.test,carl@example.test

                bob@example.test,bob@example.test
                """);

        assertThat(migrate("add-batch", "--csv", csv.toString(), "--from-server", "green.test", "--passwords-dir", dir.toString())).isEqualTo(1);

        assertThat(command.out().lines()).hasSize(2).allMatch(l -> l.matches("mj_\\w+ (ann|bob)@example.test (ann|bob)@example.test"));
        assertThat(command.err()).contains("line 4: carl@example.test -> carl@example.test: password file ")
                .contains("1 line(s) refused").doesNotContain(FROM_CANARY);
        assertThat(jobs.passwordsSeen).containsExactly("From-ann-" + FROM_CANARY, "To-ann-" + TO_CANARY,
                "From-bob-" + FROM_CANARY, "To-bob-" + TO_CANARY);
        assertThat(logs.getAll()).doesNotContain(FROM_CANARY);
    }
}
