package org.vaultmail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.Requester;
import org.vaultmail.testing.DemoAppTest;
import org.vaultmail.testing.FakeMigrations;

/**
 * The demo queues one migration job at start-up: alice's "old" account on the demo mail server (three folders of mail)
 * into alice's mailbox, as alice's own job; a second start finds it instead of queuing another; the banner names the
 * job and the CLI commands to watch it. (Over the in-memory jobs service, so the job stays queued here.)
 */
@DemoAppTest
@Import(FakeMigrations.class)
class DemoMigrationTest {

    @Autowired
    DemoMigration migration;
    @Autowired
    DemoMailServer mailServer;
    @Autowired
    DemoBanner banner;
    @Autowired
    Environment env;
    @Autowired
    FakeMigrations.Jobs jobs;

    @Test
    void aliceHasOneQueuedImportFromHerOldAccountAndTheBannerSaysHowToWatchIt() throws Exception {
        JobView job = migration.status().job();
        assertThat(job).as(String.valueOf(migration.status().problem())).isNotNull();
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job.sourceLogin()).isEqualTo(DemoMailSeeder.ALICE_OLD);
        assertThat(job.destinationLogin()).isEqualTo(DemoMailSeeder.ALICE);
        assertThat(job.sourceServer()).isEqualTo(DemoDomain.DOMAIN);
        assertThat(job.createdBy()).isEqualTo(DemoMailSeeder.ALICE);
        assertThat(job.ownerUserId()).isNotNull();

        assertThat(migration.queue(jobs).id()).as("a second start finds the job").isEqualTo(job.id());
        assertThat(jobs.list(Requester.cli(), 100)).filteredOn(j -> j.sourceLogin().equals(DemoMailSeeder.ALICE_OLD)).hasSize(1);

        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", mailServer.imapPort(), DemoMailSeeder.ALICE_OLD, DemoMailSeeder.ALICE_OLD_PASSWORD);
            for (String name : DemoMailSeeder.ALICE_OLD_FOLDERS) {
                Folder folder = store.getFolder(name.replace('/', store.getDefaultFolder().getSeparator()));
                assertThat(folder.getMessageCount()).as(name).isEqualTo(DemoMailSeeder.ALICE_OLD_PER_FOLDER);
            }
        }

        String text = banner.text(env);
        assertThat(text).contains("Migration: " + DemoMailSeeder.ALICE_OLD).contains("job " + job.id() + " (queued)")
                .contains("/admin/migrations").contains("./vaultmail migrate list --data-dir ")
                .contains("./vaultmail migrate status " + job.id() + " --json");
    }
}
