package org.vaultmail.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.vaultmail.testing.TestDatabase;
import org.vaultmail.testing.VaultmailNode;

/** A fresh database (H2 or PostgreSQL, per subclass) and data directory per test, and nodes on it with {@link TestClock}. */
abstract class AuditNodes {

    @TempDir
    Path dataDir;

    TestDatabase db;
    final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create(kind(), dataDir);
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (db != null) db.close();
    }

    ConfigurableApplicationContext node() {
        ConfigurableApplicationContext node = VaultmailNode.start(db, List.of(), TestClock.class);
        nodes.add(node);
        return node;
    }
}
