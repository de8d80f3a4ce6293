package org.vaultmail.migrate.jobs;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionTemplate;
import org.vaultmail.migrate.JobView;
import org.vaultmail.migrate.MigrationRefused;
import org.vaultmail.migrate.engine.MigrationEngine;

/**
 * This node's migration runner (ADR 0042): each poll claims due jobs (queued, or running with a lease that ran out)
 * with one conditional UPDATE each, at most {@code max-jobs-per-node} here and {@code max-jobs-per-host} per IMAP host
 * over all nodes (claims serialised by a lock row, so the count cannot change under a claim), and runs them on
 * virtual threads. {@link #runHere} is the CLI's: the same claim under a {@code cli-<pid>@<host>} lease, on the
 * calling thread. The lease keeps a job to one process.
 */
public class JobRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobRows rows;
    private final TransactionTemplate tx;
    private final ObjectProvider<MigrationEngine> engine;
    private final Function<MigrationEngine, JobExecution.Deps> deps;
    private final MigrateProperties properties;
    private final Clock clock;
    private final String node;
    private final Semaphore slots;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("migrate-", 0).factory());
    private final java.util.concurrent.locks.ReentrantLock polling = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean closed;
    private volatile boolean warnedNoEngine;
    private volatile boolean autoPoll;

    JobRunner(JobRows rows, TransactionTemplate tx, ObjectProvider<MigrationEngine> engine,
              Function<MigrationEngine, JobExecution.Deps> deps, MigrateProperties properties, Clock clock, String node) {
        this.rows = rows;
        this.tx = tx;
        this.engine = engine;
        this.deps = deps;
        this.properties = properties;
        this.clock = clock;
        this.node = node;
        this.slots = new Semaphore(properties.maxJobsPerNode());
    }

    public String node() {
        return node;
    }

    /** Jobs this node runs now. */
    public Set<String> running() {
        return Set.copyOf(running);
    }

    /** One poll: claims as many due jobs as there are free slots and starts them; returns the runs started. */
    public List<Future<?>> poll() {
        List<Future<?>> started = new ArrayList<>();
        MigrationEngine e = engine.getIfAvailable();
        if (closed) return started;
        if (e == null) {
            if (!warnedNoEngine) log.warn("migration jobs: no migration engine in this build; jobs stay queued");
            warnedNoEngine = true;
            return started;
        }
        if (!polling.tryLock()) return started;
        try {
            int free = slots.availablePermits();
            if (free == 0) return started;
            for (JobRows.Candidate c : rows.due(clock.instant(), free * 4 + 4)) {
                if (closed || slots.availablePermits() == 0) break;
                if (running.contains(c.id()) || !claim(c.id(), node, false)) continue;
                if (!slots.tryAcquire()) break; // cannot happen: only the poll holding the lock acquires
                running.add(c.id());
                started.add(executor.submit(() -> {
                    try {
                        rows.claimed(c.id(), node).ifPresent(job -> new JobExecution(deps.apply(e), job, node, "system",
                                view -> { }).run());
                    } catch (RuntimeException ex) {
                        log.error("migration job {}: the run stopped ({}); its lease runs out", c.id(), ex.getClass().getSimpleName());
                    } finally {
                        running.remove(c.id());
                        slots.release();
                    }
                }));
            }
        } finally {
            polling.unlock();
        }
        return started;
    }

    /** Asks for a poll soon (a job was created or resumed); the scheduled poll does it otherwise. */
    void wake() {
        if (!closed && autoPoll) executor.submit(this::poll);
    }

    /** Set when the scheduled poller runs on this node: a new or resumed job is then polled for at once. */
    void autoPoll(boolean on) {
        autoPoll = on;
    }

    /** The CLI's run: claims {@code id} for this process and runs it to its end on this thread. */
    void runHere(String id, String actor, Consumer<JobView> progress) throws MigrationRefused {
        MigrationEngine e = engine.getIfAvailable();
        if (e == null) throw new MigrationRefused("conflict", "This build has no migration engine.");
        String owner = cliOwner();
        if (!claim(id, owner, true)) {
            throw new MigrationRefused(busyHost(id) ? "busy" : "conflict",
                    busyHost(id) ? "Its servers already run as many jobs as allowed; try again later."
                            : "Another process runs the job, or it has ended.");
        }
        JobRows.Claimed job = rows.claimed(id, owner)
                .orElseThrow(() -> new MigrationRefused("conflict", "The job's credentials are gone."));
        new JobExecution(deps.apply(e), job, owner, actor, progress).run();
    }

    /** The claim with the per-host cap, serialised across nodes by the lock row. */
    boolean claim(String id, String owner, boolean anyQueued) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            rows.lockClaims();
            Instant now = clock.instant();
            var job = rows.find(id).orElse(null);
            if (job == null) return false;
            if (rows.runningOn(job.sourceHost(), id, now) >= properties.maxJobsPerHost()
                    || rows.runningOn(job.destinationHost(), id, now) >= properties.maxJobsPerHost()) {
                return false;
            }
            return rows.claim(id, owner, now, now.plus(properties.lease()), anyQueued);
        }));
    }

    private boolean busyHost(String id) {
        Instant now = clock.instant();
        return rows.find(id).map(j -> rows.runningOn(j.sourceHost(), id, now) >= properties.maxJobsPerHost()
                || rows.runningOn(j.destinationHost(), id, now) >= properties.maxJobsPerHost()).orElse(false);
    }

    /** {@code cli-<pid>@<host>}: who holds a job the CLI runs. */
    static String cliOwner() {
        return "cli-" + ManagementFactory.getRuntimeMXBean().getName();
    }

    /** Polls and waits until this node runs nothing (tests). */
    public void pollAndWait(long timeoutSeconds) throws Exception {
        for (Future<?> f : poll()) f.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow(); // runs stop at their next blocking call; their leases run out and any node resumes them
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) log.warn("migration jobs: runs still active at shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String nodeId(@Nullable String configured) {
        if (configured != null && !configured.isBlank()) return configured;
        String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        String id = name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        return id.length() > 100 ? id.substring(0, 100) : id;
    }
}
