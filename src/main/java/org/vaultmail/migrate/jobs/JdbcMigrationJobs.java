package org.vaultmail.migrate.jobs;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.account.MailServers;
import org.vaultmail.i18n.UserText;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationError;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerLogin;
import org.vaultmail.vault.Sealed;

/**
 * {@link MigrationJobs} on {@code migration_jobs}: creation tests both logins and seals them (write-once); a user
 * sees and acts on their own jobs only (another's is empty: the API answers 404); operators on all.
 */
final class JdbcMigrationJobs implements MigrationJobs {

    private static final String ENDED = "problem.import.ended";

    private final JobRows rows;
    private final JobCredentials credentials;
    private final ServerResolver servers;
    private final LoginProbe probe;
    private final LoginTestAllowance allowance;
    private final MigrationEvents events;
    private final JobRunner runner;
    private final JobGrants grants;
    private final TransactionTemplate tx;
    private final Clock clock;

    JdbcMigrationJobs(JobRows rows, JobCredentials credentials, ServerResolver servers, LoginProbe probe,
                      LoginTestAllowance allowance, MigrationEvents events, JobRunner runner, TransactionTemplate tx,
                      Clock clock, JobGrants grants) {
        this.grants = grants;
        this.rows = rows;
        this.credentials = credentials;
        this.servers = servers;
        this.probe = probe;
        this.allowance = allowance;
        this.events = events;
        this.runner = runner;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public JobView create(NewJob job, Requester requester) throws MigrationRefused {
        ServerLogin src = job.source();
        ServerLogin dst = job.destination();
        MailServers from = servers.resolve(src.server()).orElseThrow(() -> unknown(src.server()));
        MailServers to = servers.resolve(dst.server()).orElseThrow(() -> unknown(dst.server()));
        if (src.login().isBlank() || dst.login().isBlank()) throw new MigrationRefused("invalid_options", UserText.of("problem.import.bothLogins"));
        if (!requester.operator()) ownMailbox(requester, dst);
        notTheSameMailbox(from, src.login(), to, dst.login());
        if (!allowance.take(requester.actorId(), 2)) {
            throw new MigrationRefused("busy", UserText.of("problem.import.tooManyTests"));
        }
        check(probe.test(from, src.login(), src.password()), "source");
        check(probe.test(to, dst.login(), dst.password()), "destination");
        String id = UUID.randomUUID().toString();
        Long owner = requester.operator() ? null : requester.userId();
        String createdBy = requester.actorId();
        String sourceServer = src.server().trim().toLowerCase(Locale.ROOT);
        String destinationServer = dst.server().trim().toLowerCase(Locale.ROOT);
        String pairKey = PairKey.of(sourceServer, src.login(), destinationServer, dst.login());
        Sealed sealedSource = credentials.seal(JobCredentials.SOURCE, id, owner, src.login(), src.password());
        Sealed sealedDestination = credentials.seal(JobCredentials.DESTINATION, id, owner, dst.login(), dst.password());
        JobRow row = tx.execute(s -> {
            rows.insert(id, owner, createdBy, sourceServer, src.login(), destinationServer, dst.login(),
                    from.imap().host(), to.imap().host(), pairKey, OptionsJson.write(job.options()), sealedSource,
                    sealedDestination, clock.instant());
            JobRow created = rows.find(id).orElseThrow();
            events.created(created, requester.actorId(), requester.clientAddress());
            return created;
        });
        runner.wake();
        return JobViews.of(Objects.requireNonNull(row), List.of());
    }

    @Override
    public JobView createWithGrant(String sourceServer, String sourceLogin, long grantId, ServerLogin dst,
                                   MigrationOptions options, Requester requester) throws MigrationRefused {
        MailServers from = servers.resolve(sourceServer).orElseThrow(() -> unknown(sourceServer));
        MailServers to = servers.resolve(dst.server()).orElseThrow(() -> unknown(dst.server()));
        if (sourceLogin.isBlank() || dst.login().isBlank()) throw new MigrationRefused("invalid_options", UserText.of("problem.import.bothLogins"));
        if (!requester.operator()) ownMailbox(requester, dst);
        notTheSameMailbox(from, sourceLogin, to, dst.login());
        if (!allowance.take(requester.actorId(), 2)) {
            throw new MigrationRefused("busy", UserText.of("problem.import.tooManyTests"));
        }
        check(probe.test(from, sourceLogin, grants.tokens(grantId)), "source");
        check(probe.test(to, dst.login(), dst.password()), "destination");
        String id = UUID.randomUUID().toString();
        Long owner = requester.operator() ? null : requester.userId();
        String src = sourceServer.trim().toLowerCase(Locale.ROOT);
        String destinationServer = dst.server().trim().toLowerCase(Locale.ROOT);
        String pairKey = PairKey.of(src, sourceLogin, destinationServer, dst.login());
        Sealed sealedDestination = credentials.seal(JobCredentials.DESTINATION, id, owner, dst.login(), dst.password());
        JobRow row = tx.execute(s -> {
            rows.insert(id, owner, requester.actorId(), src, sourceLogin, destinationServer, dst.login(),
                    from.imap().host(), to.imap().host(), pairKey, OptionsJson.write(options), null, grantId,
                    sealedDestination, clock.instant());
            JobRow created = rows.find(id).orElseThrow();
            events.created(created, requester.actorId(), requester.clientAddress());
            return created;
        });
        runner.wake();
        return JobViews.of(Objects.requireNonNull(row), List.of());
    }

    @Override
    public Optional<JobView> find(String id, Requester requester) {
        return visible(id, requester).map(r -> JobViews.of(r, rows.folders(r.id())));
    }

    @Override
    public List<JobView> list(Requester requester, int limit) {
        if (!requester.operator() && requester.userId() == null) return List.of();
        return rows.list(requester.operator() ? null : requester.userId(), Math.max(1, Math.min(limit, 1000))).stream()
                .map(r -> JobViews.of(r, rows.folders(r.id()))).toList();
    }

    @Override
    public Optional<JobView> cancel(String id, Requester requester) throws MigrationRefused {
        Optional<JobRow> job = visible(id, requester);
        if (job.isEmpty()) return Optional.empty();
        if (job.get().state().isFinal()) throw new MigrationRefused("conflict", UserText.of(ENDED));
        boolean now = Boolean.TRUE.equals(tx.execute(s -> {
            if (!rows.cancelIdle(id, clock.instant())) return false;
            JobRow ended = rows.find(id).orElseThrow();
            events.ended(ended, "migration.job.cancelled", requester.actorId(), ended.progress(), null,
                    ownerAddress(ended), requester.clientAddress());
            events.credentialsDeleted(ended, requester.actorId(), "cancelled");
            return true;
        }));
        if (now) grants.release(id);
        if (!now && !rows.request(id, "cancel", clock.instant()) && !rows.find(id).orElseThrow().state().isFinal()) {
            throw new MigrationRefused("conflict", UserText.of("problem.import.changed"));
        }
        return find(id, requester);
    }

    @Override
    public Optional<JobView> pause(String id, Requester requester) throws MigrationRefused {
        Optional<JobRow> job = visible(id, requester);
        if (job.isEmpty()) return Optional.empty();
        switch (job.get().state()) {
            case QUEUED -> {
                if (!rows.pauseQueued(id, clock.instant())) rows.request(id, "pause", clock.instant());
            }
            case RUNNING -> rows.request(id, "pause", clock.instant());
            case PAUSED -> { }
            default -> throw new MigrationRefused("conflict", UserText.of(ENDED));
        }
        return find(id, requester);
    }

    @Override
    public Optional<JobView> resume(String id, Requester requester) throws MigrationRefused {
        Optional<JobRow> job = visible(id, requester);
        if (job.isEmpty()) return Optional.empty();
        if (job.get().state().isFinal()) throw new MigrationRefused("conflict", UserText.of(ENDED));
        if (rows.resume(id, clock.instant())) runner.wake();
        return find(id, requester);
    }

    @Override
    public List<MigrationError> errors(String id, Requester requester, int limit) {
        return visible(id, requester).map(r -> rows.errors(r.id(), Math.max(1, Math.min(limit, 10_000)))).orElse(List.of());
    }

    @Override
    public JobView runHere(String id, Requester requester, Consumer<JobView> progress) throws MigrationRefused {
        JobRow job = visible(id, requester).orElseThrow(() -> new MigrationRefused("not_found", UserText.of("problem.import.notFound")));
        if (job.state().isFinal()) throw new MigrationRefused("conflict", UserText.of(ENDED));
        runner.runHere(id, requester.actorId(), progress);
        return find(id, requester).orElseThrow();
    }

    /** A user's jobs only; another's does not exist for them. */
    private Optional<JobRow> visible(String id, Requester requester) {
        if (id.length() > 36) return Optional.empty();
        return rows.find(id).filter(r -> requester.operator()
                || (requester.userId() != null && requester.userId().equals(r.ownerUserId())));
    }

    private String ownerAddress(JobRow job) {
        return job.ownerUserId() == null ? null : rows.ownerAddress(job.ownerUserId()).orElse(null);
    }

    /** A user imports into their own mailbox only: their sign-in login, on the domain that serves it. */
    private void ownMailbox(Requester requester, ServerLogin dst) throws MigrationRefused {
        MailServers home = servers.home(requester.actorId())
                .orElseThrow(() -> new MigrationRefused("server_not_allowed", UserText.of("problem.import.noHomeServer")));
        if (requester.userId() == null || !dst.login().equalsIgnoreCase(requester.actorId())
                || !home.domain().equalsIgnoreCase(dst.server().trim())) {
            throw new MigrationRefused("server_not_allowed", UserText.of("problem.import.ownMailboxOnly"));
        }
    }

    /**
     * A mailbox copied into itself is always a mistake (most often: the browser was still signed in at the provider with
     * the user's own account): refused before any login test, so nothing is stored and no test allowance is spent.
     */
    private static void notTheSameMailbox(MailServers from, String sourceLogin, MailServers to, String destinationLogin)
            throws MigrationRefused {
        boolean sameServer = from.imap().host().equalsIgnoreCase(to.imap().host()) && from.imap().port() == to.imap().port();
        if (sameServer && sourceLogin.strip().equalsIgnoreCase(destinationLogin.strip())) {
            throw new MigrationRefused("same_account", UserText.of("problem.import.sameAccount"));
        }
    }

    private static void check(LoginProbe.Outcome outcome, String side) throws MigrationRefused {
        switch (outcome) {
            case OK -> { }
            case REFUSED -> throw new MigrationRefused(side + "_login_failed", UserText.of("problem.import." + side + ".loginFailed"));
            case UNREACHABLE -> throw new MigrationRefused(side + "_unreachable", UserText.of("problem.import." + side + ".unreachable"));
        }
    }

    private static MigrationRefused unknown(String server) {
        return new MigrationRefused("unknown_server",
                UserText.of("problem.import.unknownServer", server.length() > 100 ? server.substring(0, 100) : server));
    }
}
