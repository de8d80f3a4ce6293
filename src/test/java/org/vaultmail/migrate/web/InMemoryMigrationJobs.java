package org.vaultmail.migrate.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.JobState;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationError;
import org.vaultmail.migrate.MigrationJobs;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.MigrationSource;
import org.vaultmail.migrate.MigrationSources;
import org.vaultmail.migrate.NewJob;
import org.vaultmail.migrate.Progress;
import org.vaultmail.migrate.Requester;
import org.vaultmail.migrate.ServerChoice;

/**
 * A stand-in for the jobs service while it is built elsewhere: the source login works when its password is
 * {@link #SOURCE_PASSWORD} ({@code unreachable} as the login: the server is away), the destination's must be the one
 * {@link #expectDestinationPassword} was told; jobs live in memory and move only when a test {@link #advance}s them.
 */
final class InMemoryMigrationJobs implements MigrationJobs, MigrationSources {

    static final String SOURCE_PASSWORD = "Source-Canary-3b9e0c71";
    static final List<String> SERVERS = List.of("example.test", "other-imap");

    final Map<String, JobView> jobs = new ConcurrentHashMap<>();
    final Map<String, List<MigrationError>> errors = new ConcurrentHashMap<>();
    /** What create() was handed for the destination: login and whether its password was the expected one. */
    final List<String> destinations = new CopyOnWriteArrayList<>();
    private final Map<String, String> destinationPasswords = new ConcurrentHashMap<>();

    void expectDestinationPassword(String login, String password) {
        destinationPasswords.put(login, password);
    }

    @Override
    public JobView create(NewJob job, Requester requester) throws MigrationRefused {
        if (!SERVERS.contains(job.source().server())) {
            throw new MigrationRefused("unknown_server", "There is no server named " + job.source().server() + " to import from.");
        }
        if (job.source().login().equals("unreachable")) {
            throw new MigrationRefused("source_unreachable", "The server " + job.source().server() + " did not answer.");
        }
        if (!job.source().password().revealUtf8().equals(SOURCE_PASSWORD)) {
            throw new MigrationRefused("source_login_failed", "The server " + job.source().server() + " refused this login or password.");
        }
        String expected = destinationPasswords.get(job.destination().login());
        boolean ok = expected != null && job.destination().password().revealUtf8().equals(expected);
        destinations.add(job.destination().server() + "|" + job.destination().login() + "|" + ok);
        if (!ok) throw new MigrationRefused("destination_login_failed", "Your mailbox refused the session's password.");
        String id = UUID.randomUUID().toString();
        JobView view = new JobView(id, JobState.QUEUED, requester.userId(), requester.actorId(), job.source().server(),
                job.source().login(), job.destination().server(), job.destination().login(), job.options(), Progress.none(),
                List.of(), null, Instant.now(), null, null, null, true);
        jobs.put(id, view);
        return view;
    }

    @Override
    public Optional<JobView> find(String id, Requester requester) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> requester.operator() || Objects.equals(j.ownerUserId(), requester.userId()));
    }

    @Override
    public List<JobView> list(Requester requester, int limit) {
        return jobs.values().stream().filter(j -> requester.operator() || Objects.equals(j.ownerUserId(), requester.userId()))
                .sorted(Comparator.comparing(JobView::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public Optional<JobView> cancel(String id, Requester requester) throws MigrationRefused {
        Optional<JobView> job = find(id, requester);
        if (job.isEmpty()) return job;
        if (job.get().state().isFinal()) throw new MigrationRefused("conflict", "The job has already ended.");
        return Optional.of(put(job.get(), JobState.CANCELLED, job.get().progress(), job.get().folders()));
    }

    @Override
    public Optional<JobView> pause(String id, Requester requester) throws MigrationRefused {
        Optional<JobView> job = find(id, requester);
        if (job.isEmpty()) return job;
        if (job.get().state().isFinal()) throw new MigrationRefused("conflict", "The job has already ended.");
        return Optional.of(put(job.get(), JobState.PAUSED, job.get().progress(), job.get().folders()));
    }

    @Override
    public Optional<JobView> resume(String id, Requester requester) throws MigrationRefused {
        Optional<JobView> job = find(id, requester);
        if (job.isEmpty()) return job;
        if (job.get().state() != JobState.PAUSED) throw new MigrationRefused("conflict", "Only a paused job can be resumed.");
        return Optional.of(put(job.get(), JobState.QUEUED, job.get().progress(), job.get().folders()));
    }

    @Override
    public List<MigrationError> errors(String id, Requester requester, int limit) {
        if (find(id, requester).isEmpty()) return List.of();
        return errors.getOrDefault(id, List.of()).stream().limit(limit).toList();
    }

    @Override
    public JobView runHere(String id, Requester requester, Consumer<JobView> progress) throws MigrationRefused {
        throw new MigrationRefused("conflict", "not in this fake");
    }

    /** Moves a job on, as the runner would. */
    JobView advance(String id, JobState state, Progress progress, List<FolderReport> folders) {
        return put(jobs.get(id), state, progress, folders);
    }

    private JobView put(JobView j, JobState state, Progress progress, List<FolderReport> folders) {
        Instant started = j.startedAt() == null && state != JobState.QUEUED ? Instant.now() : j.startedAt();
        JobView next = new JobView(j.id(), state, j.ownerUserId(), j.createdBy(), j.sourceServer(), j.sourceLogin(),
                j.destinationServer(), j.destinationLogin(), j.options(), progress, folders, j.error(), j.createdAt(), started,
                state.isFinal() ? Instant.now() : null, null, !state.isFinal());
        jobs.put(j.id(), next);
        return next;
    }

    // --- sources ---

    @Override
    public List<MigrationSource> list() {
        return List.of();
    }

    @Override
    public Optional<MigrationSource> find(String name) {
        return Optional.empty();
    }

    @Override
    public MigrationSource save(MigrationSource source, String operator) {
        return source;
    }

    @Override
    public boolean remove(String name, String operator) {
        return false;
    }

    @Override
    public List<ServerChoice> choices() {
        List<ServerChoice> out = new ArrayList<>();
        out.add(new ServerChoice("example.test", "domain", "127.0.0.1", 143, "plain"));
        out.add(new ServerChoice("other-imap", "source", "127.0.0.1", 2143, "plain"));
        return out;
    }

}
