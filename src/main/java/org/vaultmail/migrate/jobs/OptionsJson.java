package org.vaultmail.migrate.jobs;

import org.vaultmail.migrate.MigrationOptions;
import tools.jackson.databind.json.JsonMapper;

/** A job's options as stored ({@code migration_jobs.options}): plain JSON of {@link MigrationOptions}, no credential. */
final class OptionsJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OptionsJson() {
    }

    static String write(MigrationOptions options) {
        return JSON.writeValueAsString(options);
    }

    static MigrationOptions read(String json) {
        return JSON.readValue(json, MigrationOptions.class);
    }
}
