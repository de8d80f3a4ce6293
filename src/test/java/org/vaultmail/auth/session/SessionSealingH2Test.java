package org.vaultmail.auth.session;

import org.vaultmail.testing.TestDatabase;

class SessionSealingH2Test extends SessionSealingContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
