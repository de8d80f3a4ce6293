package org.vaultmail.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.vaultmail.migrate.FolderNote;
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
 * In-memory stand-ins for {@link MigrationJobs} and {@link MigrationSources} for the operator surfaces' tests (CLI,
 * console) until the real jobs service is on the classpath; {@code @Primary} so they win over it. Servers: the domains
 * {@code example.test}, {@code green.test} and {@code demo.test} plus the saved sources. A password starting with {@code wrong} fails the
 * login test; a source login starting with {@code fail} runs into two failed messages; {@code slow} runs until cancelled.
 */
// Not a @Configuration: component scanning (org.vaultmail.*, test classes included) must not pick it up; tests
// name it with @Import or as a source.
public class FakeMigrations {

    @Bean
    @Primary
    public Jobs fakeMigrationJobs(Sources sources) {
        return new Jobs(sources);
    }

    @Bean
    @Primary
    public Sources fakeMigrationSources() {
        return new Sources();
    }

    /** The fake jobs service; {@link #passwordsSeen} keeps what {@code create} received, for the tests' assertions. */
    public static final class Jobs implements MigrationJobs {
        private final Sources sources;
        private final Map<String, JobView> jobs = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        public final List<String> passwordsSeen = new CopyOnWriteArrayList<>();
        public final List<String> actors = new CopyOnWriteArrayList<>();

        Jobs(Sources sources) {
            this.sources = sources;
        }

        @Override
        public JobView create(NewJob job, Requester requester) throws MigrationRefused {
            for (var side : List.of(job.source(), job.destination())) {
                if (!sources.known(side.server())) throw new MigrationRefused("unknown_server", "no server named " + side.server());
            }
            passwordsSeen.add(job.source().password().revealUtf8());
            passwordsSeen.add(job.destination().password().revealUtf8());
            if (job.source().password().revealUtf8().startsWith("wrong")) {
                throw new MigrationRefused("source_login_failed", "the source server refused the login " + job.source().login());
            }
            actors.add(requester.actorId());
            String id = "mj_" + Integer.toString(1000 + ids.incrementAndGet(), 36) + "fake";
            JobView v = new JobView(id, JobState.QUEUED, requester.userId(), requester.actorId(), job.source().server(),
                    job.source().login(), job.destination().server(), job.destination().login(), job.options(),
                    Progress.none(), List.of(), null, Instant.now(), null, null, null, true);
            jobs.put(id, v);
            return v;
        }

        @Override
        public Optional<JobView> find(String id, Requester requester) {
            return Optional.ofNullable(jobs.get(id)).filter(j -> requester.operator() || java.util.Objects.equals(j.ownerUserId(), requester.userId()));
        }

        @Override
        public List<JobView> list(Requester requester, int limit) {
            return jobs.values().stream().filter(j -> requester.operator() || java.util.Objects.equals(j.ownerUserId(), requester.userId()))
                    .sorted(Comparator.comparing(JobView::createdAt).reversed()).limit(limit).toList();
        }

        @Override
        public Optional<JobView> cancel(String id, Requester requester) throws MigrationRefused {
            return transition(id, requester, JobState.CANCELLED);
        }

        @Override
        public Optional<JobView> pause(String id, Requester requester) throws MigrationRefused {
            return transition(id, requester, JobState.PAUSED);
        }

        @Override
        public Optional<JobView> resume(String id, Requester requester) throws MigrationRefused {
            return transition(id, requester, JobState.QUEUED);
        }

        private Optional<JobView> transition(String id, Requester requester, JobState to) throws MigrationRefused {
            Optional<JobView> found = find(id, requester);
            if (found.isEmpty()) return found;
            JobView j = found.get();
            if (j.state().isFinal()) throw new MigrationRefused("conflict", "the job has ended (" + j.state().label() + ")");
            actors.add(requester.actorId());
            JobView next = with(j, to, j.progress(), j.folders(), to.isFinal() ? Instant.now() : null);
            jobs.put(id, next);
            return Optional.of(next);
        }

        @Override
        public List<MigrationError> errors(String id, Requester requester, int limit) {
            JobView j = jobs.get(id);
            if (j == null || !j.sourceLogin().startsWith("fail")) return List.of();
            return List.of(new MigrationError("INBOX", 7, "the source server answered NO to FETCH", Instant.now()),
                    new MigrationError("INBOX", 9, "larger than the maximum message size", Instant.now()));
        }

        @Override
        public JobView runHere(String id, Requester requester, Consumer<JobView> progress) throws MigrationRefused {
            JobView j = find(id, requester).orElseThrow(() -> new MigrationRefused("not_found", "no job " + id));
            if (j.state() != JobState.QUEUED) throw new MigrationRefused("conflict", "the job is " + j.state().label());
            Instant started = Instant.now();
            long failed = j.sourceLogin().startsWith("fail") ? 2 : 0;
            List<FolderReport> done = new ArrayList<>();
            String[][] folders = {{"INBOX", "INBOX"}, {"Sent", "Sent"}, {"Archive.2024", "Archive/2024"}};
            long total = 30;
            for (int f = 0; f < folders.length; f++) {
                if (j.sourceLogin().startsWith("slow")) {
                    while (jobs.get(id).state() != JobState.CANCELLED) sleep();
                    JobView c = jobs.get(id);
                    progress.accept(c);
                    return c;
                }
                long fail = f == 0 ? failed : 0;
                // Sent has a keyword the destination refuses: its report carries the note that names it
                List<FolderNote> notes = f == 1 ? List.of(new FolderNote(FolderNote.Kind.FLAGS_NOT_SETTABLE, "$Phishing")) : List.of();
                done.add(new FolderReport(folders[f][0], folders[f][1], 10, 10 - fail, 8 - fail, 2, fail, f == 1 ? 1 : 0, 0, 0,
                        1000 * (8 - fail), notes));
                long msgs = 10L * (f + 1);
                Progress p = new Progress(f + 1, 3, msgs, total, msgs * 1000, total * 1000,
                        done.stream().mapToLong(FolderReport::copied).sum(), done.stream().mapToLong(FolderReport::present).sum(),
                        done.stream().mapToLong(FolderReport::failed).sum(), done.stream().mapToLong(FolderReport::bytes).sum(), 120.0, 0L);
                JobView running = with(jobs.get(id), JobState.RUNNING, p, done, null);
                running = new JobView(running.id(), running.state(), running.ownerUserId(), running.createdBy(), running.sourceServer(),
                        running.sourceLogin(), running.destinationServer(), running.destinationLogin(), running.options(), p,
                        running.folders(), null, running.createdAt(), started, null, null, true);
                jobs.put(id, running);
                progress.accept(running);
            }
            JobView end = jobs.get(id);
            JobView finished = new JobView(end.id(), JobState.FINISHED, end.ownerUserId(), end.createdBy(), end.sourceServer(),
                    end.sourceLogin(), end.destinationServer(), end.destinationLogin(), end.options(), end.progress(), end.folders(),
                    null, end.createdAt(), started, Instant.now(), null, false);
            jobs.put(id, finished);
            return finished;
        }

        private static JobView with(JobView j, JobState state, Progress p, List<FolderReport> folders, Instant finished) {
            return new JobView(j.id(), state, j.ownerUserId(), j.createdBy(), j.sourceServer(), j.sourceLogin(),
                    j.destinationServer(), j.destinationLogin(), j.options(), p, folders, j.error(), j.createdAt(), j.startedAt(),
                    finished, null, !state.isFinal());
        }

        private static void sleep() {
            try {
                Thread.sleep(20); // the fake job's work between checks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The fake sources list; {@link #actors} records who saved and removed. */
    public static final class Sources implements MigrationSources {
        private final Map<String, MigrationSource> saved = new ConcurrentHashMap<>();
        public final List<String> actors = new CopyOnWriteArrayList<>();

        boolean known(String server) {
            return server.equals("example.test") || server.equals("green.test") || server.equals("demo.test") || saved.containsKey(server);
        }

        @Override
        public List<MigrationSource> list() {
            return saved.values().stream().sorted(Comparator.comparing(MigrationSource::name)).toList();
        }

        @Override
        public Optional<MigrationSource> find(String name) {
            return Optional.ofNullable(saved.get(name));
        }

        @Override
        public MigrationSource save(MigrationSource source, String operator) throws MigrationRefused {
            if (!source.name().matches("[a-z0-9][a-z0-9.-]{0,62}")) throw new MigrationRefused("invalid_options", "a name is lower-case letters, digits, dots and dashes");
            saved.put(source.name(), source);
            actors.add(operator);
            return source;
        }

        @Override
        public boolean remove(String name, String operator) {
            actors.add(operator);
            return saved.remove(name) != null;
        }

        @Override
        public List<ServerChoice> choices() {
            List<ServerChoice> all = new ArrayList<>(List.of(new ServerChoice("example.test", "domain", "127.0.0.1", 1143, "plain"),
                    new ServerChoice("green.test", "domain", "127.0.0.1", 3143, "plain")));
            list().forEach(s -> all.add(new ServerChoice(s.name(), "source", s.host(), s.port(),
                    s.security().name().toLowerCase(java.util.Locale.ROOT))));
            return all;
        }
    }
}
