package org.vaultmail.vault;

import org.vaultmail.testing.TestDatabase;

class RewrapKillH2Test extends RewrapKillContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
