package org.vaultmail.migrate.jobs;

import org.junit.jupiter.api.Tag;
import org.vaultmail.testing.TestDatabase;

@Tag("postgres")
class JdbcSyncStatePostgresTest extends JdbcSyncStateContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
