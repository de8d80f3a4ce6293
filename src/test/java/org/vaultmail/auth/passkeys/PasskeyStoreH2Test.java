package org.vaultmail.auth.passkeys;

import org.vaultmail.testing.TestDatabase;

class PasskeyStoreH2Test extends PasskeyStoreContract {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
