package org.vaultmail.audit;

import org.vaultmail.testing.TestDatabase;

class AuditChainH2Test extends AuditChainContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
