package org.vaultmail.compose;

import org.junit.jupiter.api.Tag;
import org.vaultmail.testing.TestDatabase;

@Tag("postgres")
class ComposeStoragePostgresTest extends ComposeStorageContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
