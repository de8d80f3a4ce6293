package org.vaultmail.migrate.jobs;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vaultmail.migrate.engine.SyncState;
import org.vaultmail.testing.TestDatabase;

/** {@link SyncStateContract} on the database, with the real migrations. */
abstract class JdbcSyncStateContract implements SyncStateContract {

    @TempDir
    Path dir;
    MigrateDb db;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = new MigrateDb(kind(), dir);
    }

    @AfterEach
    void tearDown() {
        if (db != null) db.close();
    }

    @Override
    public SyncState state() {
        return JdbcSyncState.of(db.jdbc, db.tx, PairKey.of("a", "src@example.test", "b", "dst@example.test"));
    }

    @Override
    public SyncState otherPair() {
        return JdbcSyncState.of(db.jdbc, db.tx, PairKey.of("a", "other@example.test", "b", "dst@example.test"));
    }
}
