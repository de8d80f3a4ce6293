package org.vaultmail.bench;

import org.vaultmail.migrate.engine.MigrationEngine;

/** The engine the benchmark runs: Vaultmail's {@code ImapMigrationEngine}, wired here once it is on main. */
final class MigrationEngines {

    private MigrationEngines() {
    }

    static MigrationEngine create() {
        throw new IllegalStateException("ImapMigrationEngine is not on this branch yet (merge main, then wire it here)");
    }
}
