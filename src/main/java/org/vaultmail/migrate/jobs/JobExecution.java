package org.vaultmail.migrate.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServers;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationReport;
import org.vaultmail.migrate.Progress;
import org.vaultmail.migrate.engine.ImapAccount;
import org.vaultmail.migrate.engine.InMemorySyncState;
import org.vaultmail.migrate.engine.JobInterrupted;
import org.vaultmail.migrate.engine.MigrationEngine;
import org.vaultmail.migrate.engine.MigrationFailure;
import org.vaultmail.migrate.engine.SyncState;
import org.vaultmail.vault.VaultException;

/**
 * One run of one claimed job (ADR 0042): unseals both logins only for the run (wiped when it ends), runs the engine
 * with the pair's sync state, a heartbeat that writes progress and renews the lease about once a second, and records
 * the outcome: finished, failed (authentication at once; unreachable after retries with backoff), paused or cancelled.
 * Ending deletes the credentials in the same UPDATE and is audited; the owner of a user's job is mailed.
 */
final class JobExecution {

    private static final Logger log = LoggerFactory.getLogger(JobExecution.class);

    /** What a run needs besides the job. */
    record Deps(JobRows rows, JobCredentials credentials, ServerResolver servers, MigrationEngine engine,
                MigrationEvents events, JdbcTemplate jdbc, TransactionTemplate tx, MigrateProperties properties,
                Clock clock, JobGrants grants, Duration tokenConnectionMaxAge) {
    }

    private final Deps d;
    private final JobRows.Claimed claimed;
    private final String owner;
    private final String actor;
    private final Consumer<JobView> listener;

    JobExecution(Deps deps, JobRows.Claimed claimed, String owner, String actor, Consumer<JobView> listener) {
        this.d = deps;
        this.claimed = claimed;
        this.owner = owner;
        this.actor = actor;
        this.listener = listener;
    }

    void run() {
        JobRow job = claimed.row();
        MigrationOptions options = OptionsJson.read(job.options());
        JobProgress progress = new JobProgress(d.rows().folders(job.id()), d.clock());
        JobControl control = new JobControl();
        JobLease lease = new JobLease(job.id(), owner, d.properties().lease(), d.clock());
        d.events().started(job, actor);
        MailServers from = d.servers().resolve(job.sourceServer()).orElse(null);
        MailServers to = d.servers().resolve(job.destinationServer()).orElse(null);
        if (from == null || to == null) {
            end(job, progress, "migration.job.failed", "failed", "a server of the job is no longer configured");
            return;
        }
        Thread heartbeat = Thread.ofVirtual().name("migrate-heartbeat-" + job.id()).start(() -> beat(job, progress, control));
        try (ImapAccount source = source(job, from);
             ImapAccount destination = d.credentials().open(JobCredentials.DESTINATION, job.id(), job.ownerUserId(),
                     claimed.destination(), to)) {
            SyncState state = options.dryRun() ? new InMemorySyncState()
                    : new JdbcSyncState(d.jdbc(), d.tx(), job.pairKey(), lease, d.clock());
            MigrationReport report = d.engine().run(source, destination, options, state, progress, control);
            stop(heartbeat);
            log.info("migration job {}: finished, {} copied, {} present, {} failed", job.id(), report.copied(),
                    report.present(), report.failed());
            end(job, progress, "migration.job.finished", "finished", null);
        } catch (JobInterrupted e) {
            stop(heartbeat);
            interrupted(job, progress, e.why());
        } catch (JobLease.Lost e) {
            stop(heartbeat);
            log.warn("migration job {}: lease lost; another process runs it now", job.id());
        } catch (MigrationFailure e) {
            stop(heartbeat);
            failed(job, progress, e);
        } catch (VaultException e) {
            stop(heartbeat);
            end(job, progress, "migration.job.failed", "failed", "the stored credentials do not open");
        } catch (InterruptedException e) {
            stop(heartbeat);
            Thread.currentThread().interrupt();
            log.info("migration job {}: stopped by shutdown; its lease runs out and any node resumes it", job.id());
        } catch (RuntimeException e) {
            stop(heartbeat);
            if (control.isLeaseLost()) return;
            log.error("migration job {}: the run stopped ({})", job.id(), e.getClass().getName());
            end(job, progress, "migration.job.failed", "failed", "internal error (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The source: its sealed login, or an OAuth mailbox logging in with its grant's tokens (ADR 0046). */
    private ImapAccount source(JobRow job, MailServers from) {
        Long grant = claimed.sourceGrant();
        if (grant != null) {
            return ImapAccount.withTokens(from, job.sourceLogin(), d.grants().tokens(grant), d.tokenConnectionMaxAge());
        }
        return d.credentials().open(JobCredentials.SOURCE, job.id(), job.ownerUserId(),
                java.util.Objects.requireNonNull(claimed.source()), from);
    }

    private void interrupted(JobRow job, JobProgress progress, JobInterrupted.Why why) {
        switch (why) {
            case LEASE_LOST -> log.warn("migration job {}: lease lost; another process runs it now", job.id());
            case PAUSED -> {
                write(job, progress);
                if (d.rows().paused(job.id(), owner, d.clock().instant())) log.info("migration job {}: paused", job.id());
                listener.accept(view(job));
            }
            case CANCELLED -> end(job, progress, "migration.job.cancelled", "cancelled", null);
        }
    }

    private void failed(JobRow job, JobProgress progress, MigrationFailure e) {
        String side = e.source() ? "source" : "destination";
        String reason = switch (e.kind()) {
            case AUTHENTICATION -> e.source() && claimed.sourceGrant() != null
                    ? "the source account no longer accepts this import's OAuth authorization (consent revoked or expired); start the import again"
                    : "the " + side + " server refused the stored login";
            case UNREACHABLE -> "the " + side + " server could not be reached";
            case PROTOCOL -> "the " + side + " server answered something the migration cannot work with";
        };
        if (e.kind() == MigrationFailure.Kind.UNREACHABLE && job.unreachableRuns() < d.properties().unreachableRetries()) {
            Duration wait = d.properties().retryBackoff().multipliedBy(1L << Math.min(10, job.unreachableRuns()));
            write(job, progress);
            d.rows().retryLater(job.id(), owner, d.clock().instant().plus(wait), reason + "; tried again later", d.clock().instant());
            log.info("migration job {}: {}; retried in {}", job.id(), reason, wait);
            listener.accept(view(job));
            return;
        }
        end(job, progress, "migration.job.failed", "failed", reason);
    }

    /** The final write, the ending UPDATE (credentials deleted) and its events, in one transaction. */
    private void end(JobRow job, JobProgress progress, String action, String state, @Nullable String reason) {
        Progress p = progress.progress();
        boolean ended = Boolean.TRUE.equals(d.tx().execute(s -> {
            write(job, progress);
            if (!d.rows().end(job.id(), owner, state, reason, d.clock().instant())) return false;
            String address = job.ownerUserId() == null ? null : d.rows().ownerAddress(job.ownerUserId()).orElse(null);
            d.events().ended(job, action, actor, p, reason, address, null);
            d.events().credentialsDeleted(job, actor, state);
            return true;
        }));
        if (ended) log.info("migration job {}: {}", job.id(), state);
        if (ended) d.grants().release(job.id()); // an OAuth source's grant: deleted and revoked once the job has ended
        listener.accept(view(job));
    }

    /** Counters, folder rows and new errors: the heartbeat's write without the lease condition (the end's own). */
    private void write(JobRow job, JobProgress progress) {
        d.rows().folders(job.id(), progress.folderRows());
        d.rows().errors(job.id(), progress.takeErrors());
        Instant now = d.clock().instant();
        d.rows().heartbeat(job.id(), owner, progress.progress(), now, now.plus(d.properties().lease()));
    }

    /** About once a second: counters and folder rows written, the lease renewed, {@code requested} read. */
    private void beat(JobRow job, JobProgress progress, JobControl control) {
        long interval = Math.max(50, Math.min(1000, d.properties().lease().toMillis() / 3));
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Instant now = d.clock().instant();
                boolean changed = progress.takeDirty();
                var requested = d.tx().execute(s -> {
                    if (changed) {
                        d.rows().folders(job.id(), progress.folderRows());
                        d.rows().errors(job.id(), progress.takeErrors());
                    }
                    return d.rows().heartbeat(job.id(), owner, progress.progress(), now, now.plus(d.properties().lease()));
                });
                if (requested == null || requested.isEmpty()) {
                    control.leaseLost();
                    log.warn("migration job {}: lease lost; stopping at the next checkpoint", job.id());
                    return;
                }
                control.requested(requested.get());
                listener.accept(view(job));
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) return; // the run ended meanwhile and stopped the heartbeat
                log.warn("migration job {}: progress not written ({})", job.id(), e.getClass().getSimpleName());
            }
        }
    }

    private JobView view(JobRow job) {
        return d.rows().find(job.id()).map(r -> JobViews.of(r, d.rows().folders(r.id()))).orElseThrow();
    }

    private static void stop(Thread heartbeat) {
        heartbeat.interrupt();
        try {
            heartbeat.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
