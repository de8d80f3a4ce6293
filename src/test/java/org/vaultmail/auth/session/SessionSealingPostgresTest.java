package org.vaultmail.auth.session;

import org.junit.jupiter.api.Tag;
import org.vaultmail.testing.TestDatabase;

@Tag("postgres")
class SessionSealingPostgresTest extends SessionSealingContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
