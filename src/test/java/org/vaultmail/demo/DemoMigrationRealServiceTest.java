package org.vaultmail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.Requester;
import org.vaultmail.testing.DemoAppTest;

/** With the real jobs service, the demo's job passes both login tests against the demo mail server and is alice's. */
@DemoAppTest
class DemoMigrationRealServiceTest {

    @Autowired
    DemoMigration migration;
    @Autowired
    MigrationJobs jobs;

    @Test
    void theDemoJobIsAcceptedByTheRealJobsServiceAsAlicesOwn() {
        JobView job = migration.status().job();
        assertThat(job).as(String.valueOf(migration.status().problem())).isNotNull();
        assertThat(job.sourceLogin()).isEqualTo(DemoMailSeeder.ALICE_OLD);
        assertThat(jobs.find(job.id(), Requester.cli()).orElseThrow().ownerUserId()).isNotNull();
        assertThat(job.credentialsHeld() || job.state().isFinal()).isTrue();
    }
}
