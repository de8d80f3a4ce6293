package org.vaultmail.vault;

import org.junit.jupiter.api.Tag;
import org.vaultmail.testing.TestDatabase;

@Tag("postgres")
class RewrapKillPostgresTest extends RewrapKillContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
