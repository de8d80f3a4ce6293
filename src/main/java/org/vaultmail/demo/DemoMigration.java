package org.vaultmail.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.vaultmail.auth.session.Users;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.vault.Secret;

/**
 * The demo's migration job (issue 14): alice's "old" mailbox on the demo mail server ({@value DemoMailSeeder#ALICE_OLD},
 * a few folders) imported into alice's own, queued at start-up as alice's job (so it shows in her settings and in the
 * console), once: a later start finds it and queues no second one. The jobs runner copies it like any other job.
 */
@Component
@Profile("demo")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DemoMigration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoMigration.class);

    /** What the banner shows: the job, or why there is none. */
    record Status(@Nullable JobView job, @Nullable String problem) {
    }

    private final ObjectProvider<MigrationJobs> jobs;
    private final Users users;
    private final DemoMailServer mailServer;
    private final Clock clock = Clock.systemUTC();
    private volatile Status status = new Status(null, "not set up yet");

    DemoMigration(ObjectProvider<MigrationJobs> jobs, Users users, DemoMailServer mailServer) {
        this.jobs = jobs;
        this.users = users;
        this.mailServer = mailServer;
    }

    @Override
    public void run(ApplicationArguments args) {
        MigrationJobs service = jobs.getIfAvailable();
        if (service == null) {
            status = new Status(null, "migration jobs are not in this build");
            return;
        }
        try {
            mailServer.awaitSeeded(Duration.ofMinutes(1)); // the job must not start before its source is filled
            status = new Status(queue(service), null);
        } catch (MigrationRefused | RuntimeException e) {
            log.error("Queuing the demo's migration job failed: {}", e.getMessage());
            status = new Status(null, String.valueOf(e.getMessage()));
        }
    }

    Status status() {
        return status;
    }

    JobView queue(MigrationJobs service) throws MigrationRefused {
        long alice = users.idOrFirstSignIn(DemoMailSeeder.ALICE, clock.instant());
        Requester requester = Requester.user(alice, DemoMailSeeder.ALICE, null);
        Optional<JobView> earlier = service.list(requester, 100).stream()
                .filter(j -> j.sourceLogin().equals(DemoMailSeeder.ALICE_OLD)).findFirst();
        if (earlier.isPresent()) {
            log.info("Demo: migration job {} ({} -> {}) is there from an earlier start ({})", earlier.get().id(),
                    DemoMailSeeder.ALICE_OLD, DemoMailSeeder.ALICE, earlier.get().state().label());
            return earlier.get();
        }
        try (NewJob job = new NewJob(
                new ServerLogin(DemoDomain.DOMAIN, DemoMailSeeder.ALICE_OLD, Secret.ofUtf8(DemoMailSeeder.ALICE_OLD_PASSWORD)),
                new ServerLogin(DemoDomain.DOMAIN, DemoMailSeeder.ALICE, Secret.ofUtf8(DemoMailSeeder.ALICE_PASSWORD)),
                MigrationOptions.defaults())) {
            JobView created = service.create(job, requester);
            log.info("Demo: migration job {} queued: {} -> {}", created.id(), DemoMailSeeder.ALICE_OLD, DemoMailSeeder.ALICE);
            return created;
        }
    }
}
