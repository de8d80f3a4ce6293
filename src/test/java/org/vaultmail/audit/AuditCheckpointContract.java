package org.vaultmail.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.testing.MutableClock;

/**
 * Truncation and rollback of the audit log (issue 12 item 6, ADR 0028): what the chain alone cannot show,
 * the checkpoints published outside the database do. Every attack is done behind the application's back,
 * as someone with database write access (on PostgreSQL a superuser with the triggers switched off).
 */
abstract class AuditCheckpointContract extends AuditNodes {

    Path checkpointFile() {
        return dataDir.resolve("audit").resolve("checkpoints.jsonl");
    }

    static void append(ConfigurableApplicationContext node, int n) throws Exception {
        AuditChainContract.append(node.getBean(AuditChain.class), n, 1);
    }

    static AuditLog log(ConfigurableApplicationContext node) {
        return node.getBean(AuditLog.class);
    }

    /** What the scheduled job does every vaultmail.audit.checkpoint-interval. */
    static void publishCheckpoint(ConfigurableApplicationContext node) {
        assertThat(log(node).publishCheckpoint()).as("a checkpoint was published").isPresent();
    }

    void behindTheBack(String sql, Object... args) {
        AuditChainContract.behindTheBack(db, sql, args);
    }

    Map<String, Object> chainRow() {
        return db.jdbc().queryForMap("SELECT * FROM audit_chain WHERE id = 1");
    }

    void putBackChainRow(Map<String, Object> row) {
        behindTheBack("UPDATE audit_chain SET last_seq = ?, last_hash = ?, head_mac = ?, first_seq = ?, hash_before_first = ?, "
                        + "checkpoint_mac = ?, mac_key = ? WHERE id = 1", row.get("last_seq"), row.get("last_hash"), row.get("head_mac"),
                row.get("first_seq"), row.get("hash_before_first"), row.get("checkpoint_mac"), row.get("mac_key"));
    }

    static ChainVerification assertFails(AuditLog log, String problem) {
        ChainVerification v = log.verify();
        assertThat(v.ok()).as("verification after tampering").isFalse();
        assertThat(v.broken().problem()).contains(problem);
        return v;
    }

    @Test
    void deletingTheNewestEntriesAndPuttingBackAnEarlierHeadFailsAgainstTheCheckpoints() throws Exception {
        var node = node();
        append(node, 45);
        Map<String, Object> earlierHead = chainRow();
        append(node, 5);
        publishCheckpoint(node);
        assertThat(log(node).verify().ok()).isTrue();

        behindTheBack("DELETE FROM audit_entry WHERE seq > 45");
        putBackChainRow(earlierHead);

        ChainVerification v = assertFails(log(node), "chain shorter than a published checkpoint");
        assertThat(v.broken().sequence()).isEqualTo(46);
        assertThat(v.broken().expected()).startsWith("sequence 50 with hash ");
        assertThat(v.broken().found()).isEqualTo("the chain ends at sequence 45");
        assertThat(log(node).publishCheckpoint()).as("a rolled-back head is never vouched for").isEmpty();
    }

    @Test
    void emptyingTheLogFailsAgainstTheCheckpoints() throws Exception {
        var node = node();
        append(node, 20);
        publishCheckpoint(node);

        behindTheBack("DELETE FROM audit_entry");
        behindTheBack("UPDATE audit_chain SET last_seq = 0, last_hash = NULL, head_mac = NULL, first_seq = 1, "
                + "hash_before_first = NULL, checkpoint_mac = NULL WHERE id = 1");

        ChainVerification v = assertFails(log(node), "chain shorter than a published checkpoint");
        assertThat(v.broken().found()).isEqualTo("an empty audit log (head at sequence 0)");
    }

    @Test
    void restoringTheWholeLogToAnOlderStateFailsAgainstTheCheckpoints() throws Exception {
        var node = node();
        append(node, 30);
        JdbcTemplate jdbc = db.jdbc();
        List<Map<String, Object>> olderEntries = jdbc.queryForList("SELECT * FROM audit_entry ORDER BY seq");
        Map<String, Object> olderHead = chainRow();
        append(node, 20);
        publishCheckpoint(node);

        // an older backup put back in place of the whole log
        behindTheBack("DELETE FROM audit_entry");
        for (Map<String, Object> e : olderEntries) {
            behindTheBack("INSERT INTO audit_entry (seq, occurred_at, actor_type, actor_id, action, target, client_address, user_agent, "
                            + "outcome, details, mac_key, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.get("seq"), e.get("occurred_at"), e.get("actor_type"), e.get("actor_id"), e.get("action"), e.get("target"),
                    e.get("client_address"), e.get("user_agent"), e.get("outcome"), e.get("details"), e.get("mac_key"),
                    e.get("prev_hash"), e.get("hash"));
        }
        putBackChainRow(olderHead);
        assertThat(log(node).verify().broken()).as("older state").isNotNull();
        assertFails(log(node), "chain shorter than a published checkpoint");

        // and the application carries on writing from the restored head: past the checkpoint, but not the same chain
        node.getBean(MutableClock.class).advance(Duration.ofMinutes(5));
        append(node, 25);
        ChainVerification v = assertFails(log(node), "entry differs from a published checkpoint");
        assertThat(v.broken().sequence()).isEqualTo(50);
        assertThat(log(node).publishCheckpoint()).as("nor a chain that differs at a published sequence").isEmpty();
    }

    @Test
    void retentionPurgeIsAChainedEventAndPublishesACheckpointThatStillVerifies() throws Exception {
        var node = node();
        MutableClock clock = node.getBean(MutableClock.class);
        append(node, 30);
        publishCheckpoint(node);
        clock.advance(Duration.ofDays(200));
        append(node, 20);
        clock.advance(Duration.ofDays(200));

        assertThat(log(node).purgeExpired()).isEqualTo(30);

        ChainVerification v = log(node).verify();
        assertThat(v.ok()).as("%s", v.broken()).isTrue();
        assertThat(v.firstSeq()).isEqualTo(31);
        assertThat(v.checkpoints()).as("the one before, and the purge's own").isEqualTo(2);
        String details = db.jdbc().queryForObject("SELECT details FROM audit_entry WHERE seq = 51 AND action = 'audit.purge'", String.class);
        assertThat(details).contains("\"from_seq\":1", "\"through_seq\":30", "\"deleted\":30", "\"hash_before_first\":\"");
        List<String> lines = Files.readAllLines(checkpointFile(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.getLast()).startsWith("{\"seq\":51,").contains("\"reason\":\"purge\"", "\"sig\":\"");
    }

    @Test
    void anEditedCheckpointLineFailsVerification() throws Exception {
        var node = node();
        append(node, 10);
        publishCheckpoint(node);
        String line = Files.readString(checkpointFile(), StandardCharsets.UTF_8);
        Files.writeString(checkpointFile(), line.replace("\"seq\":10,", "\"seq\":9,"), StandardCharsets.UTF_8);

        assertFails(log(node), "signature that does not match");
    }

    @Test
    void twoNodesPublishToOneFileAndAnUnchangedHeadIsWrittenOnce() throws Exception {
        var a = node();
        var b = node();
        append(a, 10);
        publishCheckpoint(a);
        assertThat(log(b).publishCheckpoint()).as("same head, already in the file").isEmpty();
        append(b, 5);
        publishCheckpoint(b);

        assertThat(Files.readAllLines(checkpointFile(), StandardCharsets.UTF_8)).hasSize(2);
        ChainVerification v = log(a).verify();
        assertThat(v.ok()).as("%s", v.broken()).isTrue();
        assertThat(v.checkpoints()).isEqualTo(2);
    }
}
