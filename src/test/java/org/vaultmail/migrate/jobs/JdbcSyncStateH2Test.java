package org.vaultmail.migrate.jobs;

import org.vaultmail.testing.TestDatabase;

class JdbcSyncStateH2Test extends JdbcSyncStateContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
