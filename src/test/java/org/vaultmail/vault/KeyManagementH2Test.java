package org.vaultmail.vault;

import org.vaultmail.testing.TestDatabase;

class KeyManagementH2Test extends KeyManagementContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
