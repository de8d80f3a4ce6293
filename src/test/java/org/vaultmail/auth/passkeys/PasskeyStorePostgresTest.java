package org.vaultmail.auth.passkeys;

import org.vaultmail.testing.TestDatabase;

@org.junit.jupiter.api.Tag("postgres")
class PasskeyStorePostgresTest extends PasskeyStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
