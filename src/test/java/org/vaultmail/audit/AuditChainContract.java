package org.vaultmail.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.testing.MutableClock;
import org.vaultmail.testing.TestDatabase;

/**
 * The hash chain against a real database (H2 and PostgreSQL subclasses): a long chain verifies, and
 * every kind of edit behind the application's back is named by the sequence number where it starts.
 */
abstract class AuditChainContract extends AuditNodes {

    static final int ENTRIES = 10_000;

    static AuditChain chain(ConfigurableApplicationContext node) {
        return node.getBean(AuditChain.class);
    }

    static AuditLog log(ConfigurableApplicationContext node) {
        return node.getBean(AuditLog.class);
    }

    static AuditRecord record(int i) {
        return AuditRecord.of(ActorType.USER, "user" + (i % 50) + "@example.test", "signin", "session:s" + i, "success")
                .with("user_id", i % 50).client("192.0.2." + (i % 200), "Browser/" + i);
    }

    /** Appends {@code n} entries from {@code threads} threads at once (they must still form one chain). */
    static void append(AuditChain chain, int n, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    for (int i = offset; i < n; i += threads) chain.append(record(i));
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
    }

    /** Direct SQL as someone with database access would do it: on PostgreSQL, a superuser first switches the triggers off. */
    void behindTheBack(String sql, Object... args) {
        behindTheBack(db, sql, args);
    }

    static void behindTheBack(TestDatabase db, String sql, Object... args) {
        JdbcTemplate jdbc = db.jdbc();
        if (db.kind() == TestDatabase.Kind.POSTGRES) jdbc.execute("SET session_replication_role = replica");
        try {
            jdbc.update(sql, args);
        } finally {
            if (db.kind() == TestDatabase.Kind.POSTGRES) jdbc.execute("SET session_replication_role = DEFAULT");
        }
    }

    static void assertBrokenAt(AuditLog log, long seq, String problem) {
        ChainVerification v = log.verify();
        assertThat(v.ok()).as("verification after tampering").isFalse();
        assertThat(v.broken().sequence()).isEqualTo(seq);
        assertThat(v.broken().problem()).contains(problem);
    }

    @Test
    void tenThousandEntriesVerifyAndEveryEditIsNamedByItsSequence() throws Exception {
        var node = node();
        append(chain(node), ENTRIES, 4);
        AuditLog log = log(node);

        ChainVerification ok = log.verify();
        assertThat(ok.ok()).as("%s", ok.broken()).isTrue();
        assertThat(ok.checked()).isEqualTo(ENTRIES);
        assertThat(ok.lastSeq()).isEqualTo(ENTRIES);

        JdbcTemplate jdbc = db.jdbc();
        Map<String, Object> row = jdbc.queryForMap("SELECT details FROM audit_entry WHERE seq = 4321");

        behindTheBack("UPDATE audit_entry SET details = '{\"user_id\":-1}' WHERE seq = 4321"); // no record has -1: a real change
        assertBrokenAt(log, 4321, "content changed");
        behindTheBack("UPDATE audit_entry SET details = ? WHERE seq = 4321", row.get("details"));
        assertThat(log.verify().ok()).as("restored").isTrue();

        behindTheBack("UPDATE audit_entry SET occurred_at = occurred_at + INTERVAL '1' SECOND WHERE seq = 777");
        assertBrokenAt(log, 777, "content changed");
        behindTheBack("UPDATE audit_entry SET occurred_at = occurred_at - INTERVAL '1' SECOND WHERE seq = 777");
        assertThat(log.verify().ok()).as("restored time").isTrue();

        String actor = jdbc.queryForObject("SELECT actor_id FROM audit_entry WHERE seq = 9000", String.class);
        behindTheBack("UPDATE audit_entry SET actor_id = 'someone-else@example.test' WHERE seq = 9000");
        assertBrokenAt(log, 9000, "content changed");
        behindTheBack("UPDATE audit_entry SET actor_id = ? WHERE seq = 9000", actor);
        assertThat(log.verify().ok()).as("restored actor").isTrue();

        // reorder two: 5000 and 5001 swap places
        behindTheBack("UPDATE audit_entry SET seq = -1 WHERE seq = 5000");
        behindTheBack("UPDATE audit_entry SET seq = 5000 WHERE seq = 5001");
        behindTheBack("UPDATE audit_entry SET seq = 5001 WHERE seq = -1");
        assertBrokenAt(log, 5000, "previous hash");
        behindTheBack("UPDATE audit_entry SET seq = -1 WHERE seq = 5000");
        behindTheBack("UPDATE audit_entry SET seq = 5000 WHERE seq = 5001");
        behindTheBack("UPDATE audit_entry SET seq = 5001 WHERE seq = -1");
        assertThat(log.verify().ok()).as("order restored").isTrue();

        behindTheBack("DELETE FROM audit_entry WHERE seq = 1234");
        assertBrokenAt(log, 1234, "entry missing");
        ChainVerification.Break missing = log.verify().broken();
        assertThat(missing.expected()).isEqualTo("sequence 1234");
        assertThat(missing.found()).isEqualTo("sequence 1235");

        behindTheBack("DELETE FROM audit_entry WHERE seq = " + ENTRIES);
        assertBrokenAt(log, 1234, "entry missing");
    }

    @Test
    void cuttingOffTheEndOrForgingTheCheckpointShows() throws Exception {
        var node = node();
        append(chain(node), 50, 1);
        AuditLog log = log(node);

        behindTheBack("DELETE FROM audit_entry WHERE seq > 45");
        assertBrokenAt(log, 46, "entry missing");
        behindTheBack("UPDATE audit_chain SET last_seq = 45, last_hash = (SELECT hash FROM audit_entry WHERE seq = 45)");
        assertBrokenAt(log, 45, "head not signed");

        behindTheBack("DELETE FROM audit_entry WHERE seq < 10");
        behindTheBack("UPDATE audit_chain SET first_seq = 10, hash_before_first = (SELECT prev_hash FROM audit_entry WHERE seq = 10)");
        assertBrokenAt(log, 10, "checkpoint");
    }

    @Test
    void retentionPurgeKeepsASignedCheckpointAndTheRestVerifies() throws Exception {
        var node = node();
        MutableClock clock = node.getBean(MutableClock.class);
        AuditChain chain = chain(node);
        append(chain, 300, 1);
        clock.advance(Duration.ofDays(200));
        append(chain, 200, 1);
        clock.advance(Duration.ofDays(200));

        long purged = log(node).purgeExpired();

        assertThat(purged).isEqualTo(300);
        ChainVerification v = log(node).verify();
        assertThat(v.ok()).as("%s", v.broken()).isTrue();
        assertThat(v.firstSeq()).isEqualTo(301);
        assertThat(v.checked()).as("200 kept plus the purge's own entry").isEqualTo(201);
        assertThat(db.jdbc().queryForObject("SELECT action FROM audit_entry WHERE seq = 501", String.class)).isEqualTo("audit.purge");
        assertThat(log(node).purgeExpired()).as("nothing more is old enough").isZero();
        append(chain, 10, 1);
        assertThat(log(node).verify().ok()).isTrue();
    }

    @Test
    void twoNodesOnOneDatabaseAppendToOneChain() throws Exception {
        var a = node();
        var b = node();
        try (ExecutorService both = Executors.newFixedThreadPool(2)) {
            Future<?> fa = both.submit(() -> {
                append(chain(a), 400, 3);
                return null;
            });
            Future<?> fb = both.submit(() -> {
                append(chain(b), 400, 3);
                return null;
            });
            fa.get();
            fb.get();
        }
        ChainVerification v = log(a).verify();
        assertThat(v.ok()).as("%s", v.broken()).isTrue();
        assertThat(v.checked()).isEqualTo(800);
    }

    @Test
    void exportWritesOneJsonObjectPerEntrySinceTheDate() throws Exception {
        var node = node();
        MutableClock clock = node.getBean(MutableClock.class);
        append(chain(node), 3, 1);
        clock.advance(Duration.ofDays(2));
        Instant since = clock.instant().minus(Duration.ofDays(1));
        append(chain(node), 2, 1);

        var out = new java.io.StringWriter();
        long n = log(node).exportJsonLines(since, out);

        assertThat(n).isEqualTo(2);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{\"seq\":4,\"time\":\"").contains("\"actor_type\":\"user\"", "\"action\":\"signin\"",
                "\"details\":{\"user_id\":0}", "\"hash\":\"");
        var parsed = new tools.jackson.databind.json.JsonMapper().readTree(lines[1]);
        assertThat(parsed.get("seq").asLong()).isEqualTo(5);
    }

    /** Application code has no way to change history: on PostgreSQL the trigger refuses it. */
    void assertApplicationCannotUpdateOrDelete(ConfigurableApplicationContext node) {
        JdbcTemplate app = node.getBean(JdbcTemplate.class);
        assertThatThrownBy(() -> app.update("UPDATE audit_entry SET outcome = 'failure' WHERE seq = 1"))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> app.update("DELETE FROM audit_entry WHERE seq = 1")).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> app.execute("TRUNCATE audit_entry")).rootCause().hasMessageContaining("append-only");
    }
}
