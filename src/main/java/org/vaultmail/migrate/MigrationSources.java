package org.vaultmail.migrate;

import java.util.List;
import java.util.Optional;

/** The operator-maintained list of migration source hosts, and every server name a job may use. */
public interface MigrationSources {

    List<MigrationSource> list();

    Optional<MigrationSource> find(String name);

    /** Adds or replaces one (audited as the operator). @throws MigrationRefused {@code invalid_options} */
    MigrationSource save(MigrationSource source, String operator) throws MigrationRefused;

    boolean remove(String name, String operator);

    /** Configured domains then sources, for a form's choice and {@code GET /api/v1/migrations/sources}. */
    List<ServerChoice> choices();
}
