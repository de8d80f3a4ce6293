package org.vaultmail.audit;

import org.vaultmail.testing.TestDatabase;

/** On H2 (embedded, one user) the database enforces nothing against its user; the checkpoints still show the edits. */
class AuditCheckpointH2Test extends AuditCheckpointContract {

    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
