package org.vaultmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.audit.ActorType;
import org.vaultmail.audit.AdminActionPerformed;
import org.vaultmail.audit.AuditLog;
import org.vaultmail.testing.Await;
import org.vaultmail.testing.CommandOutput;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/** {@code ./vaultmail audit verify [--checkpoint FILE]} against published checkpoints (ADR 0028), on H2. */
class AuditCommandTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path elsewhere;

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

    int audit(String... args) {
        CommandOutput.Streams io = command.next();
        return node.getBean(AuditCommand.class).run(List.of(args), io.out(), io.err());
    }

    void record(int n) {
        long before = count();
        for (int i = 0; i < n; i++) {
            node.publishEvent(new AdminActionPerformed(ActorType.SYSTEM, "cli", "test.action", "t" + i, "success"));
        }
        Await.until(n + " audit entries", Duration.ofSeconds(20), () -> count() == before + n);
    }

    long count() {
        return db.jdbc().queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class);
    }

    Path publishedFile() {
        return dataDir.resolve("audit").resolve("checkpoints.jsonl");
    }

    /** Someone with database write access drops the newest entries and puts back the head they had saved. */
    void truncateToSavedHead(long keep, Map<String, Object> savedHead) {
        JdbcTemplate jdbc = db.jdbc();
        jdbc.update("DELETE FROM audit_entry WHERE seq > ?", keep);
        jdbc.update("UPDATE audit_chain SET last_seq = ?, last_hash = ?, head_mac = ? WHERE id = 1",
                savedHead.get("last_seq"), savedHead.get("last_hash"), savedHead.get("head_mac"));
    }

    @Test
    void verifyWithoutArgumentsPassesAgainstTheServersOwnCheckpointsAndFailsAfterTruncation() {
        record(4);
        Map<String, Object> savedHead = db.jdbc().queryForMap("SELECT * FROM audit_chain WHERE id = 1");
        record(3);
        assertThat(node.getBean(AuditLog.class).publishCheckpoint()).isPresent();
        assertThat(publishedFile()).exists();

        assertThat(audit("verify")).isZero();
        assertThat(command.out()).contains("Audit chain OK: 7 entries verified (sequence 1 to 7).\n", "Consistent with 1 published checkpoints",
                publishedFile().toString());

        truncateToSavedHead(4, savedHead);

        assertThat(audit("verify")).isEqualTo(1);
        assertThat(command.err()).contains("Audit chain BROKEN at sequence 5: chain shorter than a published checkpoint",
                "expected: sequence 7 with hash ", "found:    the chain ends at sequence 4");
    }

    @Test
    void verifyWithACheckpointFileKeptElsewhereFailsEvenWhenTheServersOwnFileIsGone() throws Exception {
        record(3);
        Map<String, Object> savedHead = db.jdbc().queryForMap("SELECT * FROM audit_chain WHERE id = 1");
        record(2);
        node.getBean(AuditLog.class).publishCheckpoint();
        Path copy = elsewhere.resolve("vaultmail-checkpoints.jsonl");
        Files.copy(publishedFile(), copy);

        assertThat(audit("verify", "--checkpoint", copy.toString())).isZero();
        assertThat(command.out()).contains("Consistent with 1 published checkpoints (" + copy + ")");

        truncateToSavedHead(3, savedHead);
        Files.delete(publishedFile());

        assertThat(audit("verify")).as("nothing left to compare with here").isZero();
        assertThat(command.err()).contains("No published checkpoints yet at " + publishedFile());
        assertThat(audit("verify", "--checkpoint", copy.toString())).isEqualTo(1);
        assertThat(command.err()).contains("Audit chain BROKEN at sequence 4: chain shorter than a published checkpoint");
    }

    @Test
    void checkpointPublishesTheHeadNowAndOnlyOnce() {
        record(2);

        assertThat(audit("checkpoint")).isZero();
        assertThat(command.out()).startsWith("Published to " + publishedFile() + ":\n{\"seq\":2,\"hash\":\"");
        assertThat(audit("checkpoint")).isZero();
        assertThat(command.err()).contains("No checkpoint published", "already ends with the current head");
        assertThat(audit("verify")).isZero();
        assertThat(command.out()).contains("Consistent with 1 published checkpoints");
    }

    @Test
    void verifyNamesAMissingCheckpointFileAndAMissingValue() {
        record(1);
        Path missing = elsewhere.resolve("nope.jsonl");

        assertThat(audit("verify", "--checkpoint", missing.toString())).isEqualTo(1);
        assertThat(command.err()).contains("checkpoint file missing", missing + " does not exist");
        assertThat(audit("verify", "--checkpoint")).isEqualTo(64);
        assertThat(command.err()).contains("'--checkpoint' needs a file", "usage: ./vaultmail audit verify [--checkpoint FILE]");
        assertThat(audit("verify", "--since", "x")).isEqualTo(64);
        assertThat(command.err()).contains("unknown option '--since' for verify");
    }
}
