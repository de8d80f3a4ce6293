package org.vaultmail.compose;

import org.vaultmail.testing.TestDatabase;

class ComposeStorageH2Test extends ComposeStorageContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
