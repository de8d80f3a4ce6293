package org.vaultmail.migrate.jobs;

import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationRefused;

/**
 * Creating a job logs in to the shared Dovecot, which every test JVM (of every worktree) restarts once when it starts
 * its fixture: a creation refused during such a restart is tried again a few times. Tests of refusals do not use this.
 */
final class Retry {

    interface Creation {
        JobView create() throws MigrationRefused;
    }

    private Retry() {
    }

    static JobView created(Creation creation) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return creation.create();
            } catch (MigrationRefused e) {
                boolean transientCode = e.code().endsWith("_login_failed") || e.code().endsWith("_unreachable");
                if (!transientCode || attempt >= 5) throw e;
                Thread.sleep(2000); // back-off before the next attempt (a transient refusal)
            }
        }
    }
}
