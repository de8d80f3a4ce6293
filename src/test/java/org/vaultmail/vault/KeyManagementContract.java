package org.vaultmail.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/** Key management against a real database; runs on H2 and on PostgreSQL (subclasses). */
abstract class KeyManagementContract {

    @TempDir
    Path dataDir;

    TestDatabase db;
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    /** The audit log's MAC key: a sealed row every node creates at startup, under the primary of that moment. */
    static final int AUDIT_KEY_ROW = 1;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create(kind(), dataDir);
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (db != null) db.close(); // null when the database was not available and the test was skipped
    }

    ConfigurableApplicationContext node(String... args) {
        ConfigurableApplicationContext node = VaultmailNode.start(db, List.of(args), SealedRows.class);
        nodes.add(node);
        SealedRows.createTable(node.getBean(JdbcTemplate.class));
        return node;
    }

    static Vault vault(ConfigurableApplicationContext node) {
        return node.getBean(Vault.class);
    }

    static KeyManagement keys(ConfigurableApplicationContext node) {
        return node.getBean(KeyManagement.class);
    }

    /** The audit key's column comes first in a rewrap: the concurrent-writer hooks strike in this test's column. */
    static boolean auditKeyRewrapped(ConfigurableApplicationContext node, long primary) {
        Long behind = jdbc(node).queryForObject("SELECT COUNT(*) FROM audit_mac_key WHERE key_id <> ?", Long.class, primary);
        return behind != null && behind == 0;
    }

    static JdbcTemplate jdbc(ConfigurableApplicationContext node) {
        return node.getBean(JdbcTemplate.class);
    }

    @Test
    void statusCountsRowsPerKeyAndColumn() {
        var node = node();
        long first = vault(node).primaryKeyId();
        SealedRows.seed(vault(node), jdbc(node), 1, 5);
        long second = keys(node).rotate().newPrimaryKeyId();
        SealedRows.seed(vault(node), jdbc(node), 100, 3);

        KeyStatus status = keys(node).status();

        assertThat(status.rows()).filteredOn(r -> r.column().startsWith("vault_test_secret")).containsExactlyInAnyOrder(
                new KeyStatus.RowCount("vault_test_secret.secret", first, 5),
                new KeyStatus.RowCount("vault_test_secret.secret", second, 3));
        assertThat(status.dataKeys()).extracting(KeyStatus.DataKey::id, KeyStatus.DataKey::primary)
                .containsExactlyInAnyOrder(tuple(first, false), tuple(second, true));
        assertThat(status.dataKeys()).allSatisfy(k -> assertThat(k.created()).isNotNull());
        assertThat(status.dataKeys().get(0).created()).isBeforeOrEqualTo(status.dataKeys().get(1).created());
        assertThat(status.rowsNotOnPrimary()).isEqualTo(5 + AUDIT_KEY_ROW);
        assertThat(status.rootSource()).isEqualTo(RootKeySource.GENERATED_IN_DATA_DIR);
        assertThat(status.dataKeysetWrappedBy()).isEqualTo(status.rootPrimaryKeyId());
    }

    @Test
    void rotateKeepsOldRowsReadableAndSealsNewOnesUnderTheNewKey() {
        var node = node();
        SealedRows.seed(vault(node), jdbc(node), 1, 10);
        DataKeyRotated rotated = keys(node).rotate();
        SealedRows.seed(vault(node), jdbc(node), 11, 10);

        assertThat(rotated.newPrimaryKeyId()).isNotEqualTo(rotated.previousPrimaryKeyId());
        assertThat(SealedRows.assertAllDecrypt(vault(node), jdbc(node), 20))
                .containsExactlyInAnyOrder(rotated.previousPrimaryKeyId(), rotated.newPrimaryKeyId());
        assertThat(node.getBean(SealedRows.RecordedEvents.class).events).contains(rotated);
    }

    @Test
    void rewrapConvertsEveryRowAndASecondRunTouchesNone() {
        var node = node();
        SealedRows.seed(vault(node), jdbc(node), 1, 1234);
        long primary = keys(node).rotate().newPrimaryKeyId();
        List<RewrapProgressed> progress = new ArrayList<>();

        RewrapFinished first = keys(node).rewrap(new RewrapOptions(100, 0), progress::add);
        RewrapFinished second = keys(node).rewrap(new RewrapOptions(100, 0), p -> { });

        assertThat(first.rewrapped()).isEqualTo(1234 + AUDIT_KEY_ROW);
        assertThat(first.failed()).isZero();
        assertThat(progress).filteredOn(p -> p.column().equals("vault_test_secret.secret")).hasSize(13);
        assertThat(second.rewrapped() + second.skipped() + second.failed()).isZero();
        assertThat(SealedRows.assertAllDecrypt(vault(node), jdbc(node), 1234)).containsExactly(primary);
        assertThat(keys(node).status().rowsNotOnPrimary()).isZero();
    }

    @Test
    void rewrapOnTwoNodesAtOnceLosesNoRowAndWrapsEachOnce() throws Exception {
        var a = node();
        var b = node();
        SealedRows.seed(vault(a), jdbc(a), 1, 600);
        long primary = keys(a).rotate().newPrimaryKeyId();
        CyclicBarrier start = new CyclicBarrier(2);

        var runA = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> keys(a).rewrap(new RewrapOptions(25, 0), p -> { })));
        var runB = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> keys(b).rewrap(new RewrapOptions(25, 0), p -> { })));
        RewrapFinished ra = runA.get();
        RewrapFinished rb = runB.get();

        assertThat(ra.failed() + rb.failed()).isZero();
        assertThat(ra.rewrapped() + rb.rewrapped()).as("each row rewrapped by exactly one node").isEqualTo(600 + AUDIT_KEY_ROW);
        assertThat(SealedRows.assertAllDecrypt(vault(a), jdbc(a), 600)).containsExactly(primary);
        assertThat(SealedRows.assertAllDecrypt(vault(b), jdbc(b), 600)).containsExactly(primary);
    }

    @Test
    void rewrapDoesNotOverwriteAValueWrittenConcurrently() {
        var node = node();
        SealedRows.seed(vault(node), jdbc(node), 1, 50);
        long primary = keys(node).rotate().newPrimaryKeyId();
        AtomicBoolean struck = new AtomicBoolean();
        // Between rewrap reading the first batch and writing it back, a user changes row 3.
        keys(node).beforeRewrapWrite = () -> {
            if (auditKeyRewrapped(node, primary) && struck.compareAndSet(false, true)) {
                try (Secret fresh = Secret.ofUtf8("changed-while-rewrapping")) {
                    Sealed s = vault(node).seal(Purpose.CREDENTIALS, SealedRows.COLUMN.location(3L, SealedRows.owner(3)), fresh);
                    jdbc(node).update("UPDATE vault_test_secret SET secret = ?, key_id = ? WHERE id = 3", s.ciphertext(), s.keyId());
                }
            }
        };

        RewrapFinished done = keys(node).rewrap(new RewrapOptions(10, 0), p -> { });

        assertThat(done.skipped()).isEqualTo(1);
        assertThat(done.rewrapped()).isEqualTo(49 + AUDIT_KEY_ROW);
        byte[] row3 = jdbc(node).queryForObject("SELECT secret FROM vault_test_secret WHERE id = 3", byte[].class);
        try (Secret s = vault(node).unseal(Purpose.CREDENTIALS, SealedRows.COLUMN.location(3L, SealedRows.owner(3)), row3)) {
            assertThat(s.revealUtf8()).isEqualTo("changed-while-rewrapping");
        }
        assertThat(keys(node).status().rowsNotOnPrimary()).isZero();
    }

    @Test
    void rewrapDoesNotOverwriteAValueAStaleNodeWroteUnderTheOldKey() {
        var node = node();
        var stale = node(); // has not learned the rotation yet, so it still seals under the old key
        SealedRows.seed(vault(node), jdbc(node), 1, 50);
        DataKeyRotated rotated = keys(node).rotate();
        long old = rotated.previousPrimaryKeyId();
        AtomicBoolean struck = new AtomicBoolean();
        keys(node).beforeRewrapWrite = () -> {
            if (auditKeyRewrapped(node, rotated.newPrimaryKeyId()) && struck.compareAndSet(false, true)) {
                try (Secret fresh = Secret.ofUtf8("changed-by-stale-node")) {
                    Sealed s = vault(stale).seal(Purpose.CREDENTIALS, SealedRows.COLUMN.location(3L, SealedRows.owner(3)), fresh);
                    assertThat(s.keyId()).isEqualTo(old);
                    jdbc(stale).update("UPDATE vault_test_secret SET secret = ?, key_id = ? WHERE id = 3", s.ciphertext(), s.keyId());
                }
            }
        };

        RewrapFinished first = keys(node).rewrap(new RewrapOptions(10, 0), p -> { });
        RewrapFinished second = keys(node).rewrap(new RewrapOptions(10, 0), p -> { });

        assertThat(first.skipped()).isEqualTo(1);
        assertThat(second.rewrapped()).as("the rerun picks up the row the first run lost").isEqualTo(1);
        byte[] row3 = jdbc(node).queryForObject("SELECT secret FROM vault_test_secret WHERE id = 3", byte[].class);
        try (Secret s = vault(node).unseal(Purpose.CREDENTIALS, SealedRows.COLUMN.location(3L, SealedRows.owner(3)), row3)) {
            assertThat(s.revealUtf8()).isEqualTo("changed-by-stale-node");
        }
        assertThat(keys(node).status().rowsNotOnPrimary()).isZero();
    }

    @Test
    void rootKeyRotationRewrapsTheKeysetRowSoTheOldRootKeyCanBeRemoved() {
        String k1 = "1:" + RootKeyLoaderTest.key(11);
        String k2 = "2:" + RootKeyLoaderTest.key(22);
        var before = node("--vaultmail.vault.encryption-keys=" + k1);
        SealedRows.seed(vault(before), jdbc(before), 1, 20);
        before.close();
        var newPrimary = node("--vaultmail.vault.encryption-keys=" + k2 + "," + k1);
        assertThat(keys(newPrimary).status().dataKeysetWrappedBy()).isEqualTo(1);
        assertThat(keys(newPrimary).status().rootPrimaryKeyId()).isEqualTo(2);

        RewrapFinished done = keys(newPrimary).rewrap(RewrapOptions.defaults(), p -> { });
        newPrimary.close();
        var after = node("--vaultmail.vault.encryption-keys=" + k2);

        assertThat(done.dataKeysetRewrapped()).isTrue();
        assertThat(done.rewrapped()).as("user rows keep their data key").isZero();
        assertThat(keys(after).status().dataKeysetWrappedBy()).isEqualTo(2);
        SealedRows.assertAllDecrypt(vault(after), jdbc(after), 20);
    }

    @Test
    void rewrapWhenARowIsTamperedThenReportsItLeavesItAndConvertsTheRest() {
        var node = node();
        SealedRows.seed(vault(node), jdbc(node), 1, 30);
        long old = keys(node).rotate().previousPrimaryKeyId();
        byte[] row7 = jdbc(node).queryForObject("SELECT secret FROM vault_test_secret WHERE id = 7", byte[].class);
        row7[row7.length - 1] ^= 1;
        jdbc(node).update("UPDATE vault_test_secret SET secret = ? WHERE id = 7", (Object) row7);

        RewrapFinished done = keys(node).rewrap(new RewrapOptions(8, 0), p -> { });

        assertThat(done.rewrapped()).isEqualTo(29 + AUDIT_KEY_ROW);
        assertThat(done.failed()).isEqualTo(1);
        assertThat(done.failures()).containsExactly("ciphertext for credentials at vault_test_secret.secret row 7"
                + " does not decrypt under key " + old + " (tampered, moved, or wrong key)");
        assertThat(jdbc(node).queryForObject("SELECT secret FROM vault_test_secret WHERE id = 7", byte[].class)).isEqualTo(row7);
        assertThat(keys(node).status().rowsUsing(old)).isEqualTo(1);
    }

    @Test
    void retireWhileRowsRemainThenRefusedNamingTableAndCount() {
        var node = node();
        SealedRows.seed(vault(node), jdbc(node), 1, 7);
        long old = keys(node).rotate().previousPrimaryKeyId();

        assertThatThrownBy(() -> keys(node).retire(old))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("key " + old)
                .hasMessageContaining("vault_test_secret.secret: 7 rows");
        assertThat(keys(node).status().dataKeys()).extracting(KeyStatus.DataKey::id).contains(old);
    }

    @Test
    void retireAfterRewrapRemovesTheKeyAndRowsStillDecrypt() {
        var node = node();
        SealedRows.seed(vault(node), jdbc(node), 1, 7);
        DataKeyRotated rotated = keys(node).rotate();
        keys(node).rewrap(RewrapOptions.defaults(), p -> { });

        DataKeyRetired retired = keys(node).retire(rotated.previousPrimaryKeyId());

        assertThat(keys(node).status().dataKeys()).extracting(KeyStatus.DataKey::id, KeyStatus.DataKey::primary)
                .containsExactly(tuple(rotated.newPrimaryKeyId(), true));
        SealedRows.assertAllDecrypt(vault(node), jdbc(node), 7);
        assertThat(node.getBean(SealedRows.RecordedEvents.class).events)
                .anyMatch(e -> e instanceof RewrapFinished)
                .contains(retired);
    }

    @Test
    void retireSoonAfterRotateThenRefusedUntilEveryNodeCanHaveSeenTheRotation() {
        var node = node("--vaultmail.vault.retire-settle-ms=600000");
        SealedRows.seed(vault(node), jdbc(node), 1, 3);
        DataKeyRotated rotated = keys(node).rotate();
        keys(node).rewrap(RewrapOptions.defaults(), p -> { });

        assertThatThrownBy(() -> keys(node).retire(rotated.previousPrimaryKeyId()))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("became primary less than 600 s ago")
                .hasMessageContaining("run 'keys rewrap' again");
        assertThat(keys(node).status().dataKeys()).extracting(KeyStatus.DataKey::id).contains(rotated.previousPrimaryKeyId());
    }

    @Test
    void retireThePrimaryKeyThenRefused() {
        var node = node();
        long primary = vault(node).primaryKeyId();

        assertThatThrownBy(() -> keys(node).retire(primary))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("key " + primary + " is the primary");
    }

    @Test
    void secondNodeLearnsRotationWithoutRestart() {
        var a = node();
        var b = node();
        assertThat(vault(b).primaryKeyId()).isEqualTo(vault(a).primaryKeyId());
        long newKey = keys(a).rotate().newPrimaryKeyId();
        SealedRows.seed(vault(a), jdbc(a), 1, 1);

        // b has not polled yet; the unknown key id in the ciphertext makes it reload once.
        SealedRows.assertAllDecrypt(vault(b), jdbc(b), 1);
        assertThat(vault(b).primaryKeyId()).isEqualTo(newKey);

        long newer = keys(a).rotate().newPrimaryKeyId();
        vault(b).dataKeys().refreshIfChanged();
        assertThat(vault(b).primaryKeyId()).isEqualTo(newer);
    }

    @Test
    void twoNodesStartingOnAnEmptyDatabaseShareOneDataKeyset() throws Exception {
        var first = CompletableFuture.supplyAsync(() -> VaultmailNode.start(db, SealedRows.class));
        var second = CompletableFuture.supplyAsync(() -> VaultmailNode.start(db, SealedRows.class));
        nodes.add(first.get());
        nodes.add(second.get());

        assertThat(vault(first.get()).primaryKeyId()).isEqualTo(vault(second.get()).primaryKeyId());
        assertThat(jdbc(first.get()).queryForObject("SELECT COUNT(*) FROM vault_keyset", Long.class)).isEqualTo(1);
    }

    private static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> action) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return action.get();
    }
}
