package org.vaultmail.migrate.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.MessagingException;
import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.FolderNote;
import org.vaultmail.migrate.FolderReport;
import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.mapping.FolderPair;

/**
 * One run of the engine over a mapped folder list: a bounded set of worker threads, each with its own connection pair
 * (opened when it first has work), taking tasks from one queue. A folder is planned, its messages to copy are split
 * into UID chunks (copied in parallel by whichever workers are free, slice by slice), and when its last chunk is done
 * it is finished. Chunks and finishes go to the front of the queue, plans to the back, so started folders end first
 * and few plans are held at once. The first failure or interruption stops every worker at its next checkpoint.
 *
 * <p>Why this is long: the worker loop and the three kinds of work (plan, chunk, finish) share the queue, the failure
 * latch and the progress; the work types are inner classes so that none of that state is handed around. Running one
 * unit with backoff and reconnects is {@link Retries}.
 */
final class Pass {

    private static final long JOIN_GRACE_MILLIS = 30_000;

    private final FolderSync sync;
    private final EngineSettings settings;
    private final MigrationOptions options;
    private final SyncState state;
    private final CopyProgress progress;
    private final PacedControl control;
    private final Map<String, List<FolderNote>> notes;
    private final BlockingDeque<Work> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger foldersLeft = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile @Nullable JobInterrupted stopping;
    private final Retries retries;

    Pass(FolderSync sync, EngineSettings settings, Backoff backoff, Connections connections, MigrationOptions options,
         SyncState state, CopyProgress progress, RunControl job, HostLimits hosts, ImapAccount source,
         ImapAccount destination, Map<String, List<FolderNote>> notes) {
        this.notes = notes;
        this.sync = sync;
        this.settings = settings;
        this.options = options;
        this.state = state;
        this.progress = progress;
        this.control = new PacedControl(job, hosts, source, destination, options, () -> stopping);
        this.retries = new Retries(settings, backoff, connections, control, source.usesTokens() || destination.usesTokens(),
                ImapAccount.shorter(source.connectionMaxAge(), destination.connectionMaxAge()));
    }

    /** A folder the engine settled before the pass (a rerun's unchanged folder): its plan and its report. */
    record Settled(FolderPlan plan, FolderReport report) {
    }

    List<FolderReport> run(List<FolderPair> pairs) throws MigrationFailure, JobInterrupted, InterruptedException {
        return run(pairs, Map.of());
    }

    List<FolderReport> run(List<FolderPair> pairs, Map<FolderPair, Settled> settled)
            throws MigrationFailure, JobInterrupted, InterruptedException {
        List<FolderRun> runs = new ArrayList<>();
        for (FolderPair pair : pairs) runs.add(new FolderRun(runs.size(), pair));
        for (FolderRun run : runs) {
            Settled done = settled.get(run.pair());
            if (done != null) {
                progress.planned(run.pair(), done.plan().sourceCount(), 0, 0, 0);
                if (done.plan().present() > 0) progress.present(run.pair(), done.plan().present());
                folderDone(run, done.report());
            } else if (run.pair().selectable()) {
                foldersLeft.incrementAndGet();
                queue.addLast(new Plan(run));
            } else {
                folderDone(run, new FolderReport(run.pair().source(), run.pair().destination(), 0, 0, 0, 0, 0, 0, 0, 0, 0));
            }
        }
        if (foldersLeft.get() > 0) runWorkers();
        List<FolderReport> reports = new ArrayList<>();
        for (FolderRun run : runs) reports.add(java.util.Objects.requireNonNull(run.report()));
        return reports;
    }

    private void runWorkers() throws MigrationFailure, JobInterrupted, InterruptedException {
        for (int i = 0; i < settings.workersPerJob(); i++) {
            // platform threads: an interrupt wakes a sleeping or waiting worker but does not close a socket mid-APPEND
            workers.add(Thread.ofPlatform().name("migrate-worker-" + i).daemon(true).start(this::work));
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            fail(new JobInterrupted(JobInterrupted.Why.CANCELLED));
            join();
            throw e;
        }
        join();
        Throwable t = failure.get();
        if (t == null) return;
        switch (t) {
            case MigrationFailure f -> throw f;
            case JobInterrupted j -> throw j;
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> throw new IllegalStateException("unexpected failure " + t.getClass().getName(), t);
        }
    }

    private void join() throws InterruptedException {
        for (Thread w : workers) w.join(JOIN_GRACE_MILLIS);
    }

    private void work() {
        ConnectionPair pair = null;
        try {
            while (stopping == null && foldersLeft.get() > 0) {
                Work next = queue.pollFirst(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    pair = retries.execute(next, pair);
                } else if (pair != null) {
                    // idle: give the host slots back, or a worker waiting for them with a task in hand never gets them
                    pair.close();
                    pair = null;
                }
            }
        } catch (MigrationFailure | JobInterrupted | RuntimeException | Error e) {
            fail(e);
        } catch (InterruptedException e) {
            fail(new JobInterrupted(JobInterrupted.Why.CANCELLED)); // only the pass interrupts its workers
        } finally {
            if (pair != null) pair.close();
        }
    }

    private void fail(Throwable t) {
        if (failure.compareAndSet(null, t)) {
            stopping = t instanceof JobInterrupted j ? j : new JobInterrupted(JobInterrupted.Why.CANCELLED);
            finished.countDown();
            for (Thread w : workers) if (w != Thread.currentThread()) w.interrupt();
        }
    }

    /** The folder's report with the mapping's notes for it (renames, collisions, a \Noselect parent). */
    private void folderDone(FolderRun run, FolderReport report) {
        FolderReport noted = report.withNotes(notes.getOrDefault(run.pair().source(), List.of()));
        run.done(noted);
        progress.folderDone(noted);
    }

    private void folderFinished(FolderRun run, FolderReport report) {
        folderDone(run, report);
        if (foldersLeft.decrementAndGet() == 0) finished.countDown();
    }

    /** A unit of work on one folder, safe to run again on new connections after {@link #dropped}. */
    private abstract static class Work implements Retries.Task {
        final FolderRun folder;

        Work(FolderRun folder) {
            this.folder = folder;
        }

    }

    private final class Plan extends Work {
        Plan(FolderRun folder) {
            super(folder);
        }

        @Override
        public void run(ConnectionPair pair) throws MessagingException, ServerThrottled {
            FolderPair fp = folder.pair();
            FolderPlan plan;
            try {
                plan = sync.plan(fp, pair.source(), pair.destination(), options, state);
            } catch (MessagingException e) {
                // a dry run creates nothing, so a folder the destination lacks cannot be planned against it
                if (!options.dryRun() || !fp.createOnDestination() || Failures.dropped(e)) throw e;
                dryRunOfMissingFolder(pair);
                return;
            }
            progress.planned(fp, plan.sourceCount(), plan.bytesToCopy(), plan.toCopy().size(), plan.bytesToCopy());
            if (plan.present() > 0) progress.present(fp, plan.present());
            for (SourceMessage m : plan.skipped()) progress.failed(fp, m.uid(), "larger than the job's maximum message size");
            if (options.dryRun()) {
                folderFinished(folder, new FolderReport(fp.source(), fp.destination(), plan.sourceCount(), plan.present(),
                        plan.toCopy().size(), plan.present(), plan.skipped().size(), 0, 0, plan.ambiguous(),
                        plan.bytesToCopy()));
                return;
            }
            List<List<SourceMessage>> chunks = Chunks.split(plan.toCopy(), settings.chunkSize());
            folder.planned(plan, chunks.size());
            if (chunks.isEmpty()) {
                queue.addFirst(new Finish(folder));
            } else {
                for (int i = chunks.size() - 1; i >= 0; i--) queue.addFirst(new Chunk(folder, chunks.get(i)));
            }
        }

        /** A dry run of a folder the destination lacks: everything in the source folder would be copied. */
        private void dryRunOfMissingFolder(ConnectionPair pair) throws MessagingException {
            FolderPair fp = folder.pair();
            jakarta.mail.Folder source = pair.source().getFolder(fp.source());
            int count = source.getMessageCount();
            progress.planned(fp, count, 0, count, 0);
            folderFinished(folder, new FolderReport(fp.source(), fp.destination(), count, 0, count, 0, 0, 0, 0, 0, 0));
        }

        @Override
        public String describe() {
            return "planning folder " + folder.pair().source();
        }
    }

    private final class Chunk extends Work {
        private List<SourceMessage> remaining;
        private @Nullable FolderPlan replanned;
        private boolean resume;

        Chunk(FolderRun folder, List<SourceMessage> messages) {
            super(folder);
            this.remaining = messages;
        }

        @Override
        public void run(ConnectionPair pair) throws MessagingException, ServerThrottled, JobInterrupted, InterruptedException {
            if (resume) resume(pair);
            FolderPlan plan = replanned != null ? replanned : folder.plan();
            while (!remaining.isEmpty()) {
                control.checkpoint();
                List<SourceMessage> slice = remaining.subList(0, Math.min(settings.sliceSize(), remaining.size()));
                ChunkResult result = sync.copy(plan, List.copyOf(slice), pair.source(), pair.destination(), state, control);
                record(result);
                remaining = List.copyOf(remaining.subList(slice.size(), remaining.size()));
            }
            if (folder.chunkDone()) queue.addFirst(new Finish(folder));
        }

        /**
         * After a drop: plan the folder again (it resumes from the state: a pending append is resolved, nothing is
         * copied twice) and keep only this chunk's messages the new plan still wants. Other chunks of the folder may
         * be in flight meanwhile; they are disjoint from this one, so the intersection never copies a message twice.
         */
        private void resume(ConnectionPair pair) throws MessagingException, ServerThrottled {
            FolderPlan fresh = sync.plan(folder.pair(), pair.source(), pair.destination(), options, state);
            Set<Long> wanted = new HashSet<>();
            for (SourceMessage m : fresh.toCopy()) wanted.add(m.uid());
            Map<Long, Long> copied = state.copied(fresh.state().id());
            int done = 0;
            long bytes = 0;
            List<SourceMessage> left = new ArrayList<>();
            for (SourceMessage m : remaining) {
                if (wanted.contains(m.uid())) {
                    left.add(m);
                } else if (copied.containsKey(m.uid())) { // appended by the attempt that dropped
                    done++;
                    bytes += m.size();
                }
            }
            if (done > 0) record(new ChunkResult(done, bytes, 0, List.of()));
            remaining = List.copyOf(left);
            replanned = fresh;
            resume = false;
        }

        private void record(ChunkResult result) {
            folder.add(result);
            if (result.copied() > 0) progress.copied(folder.pair(), result.copied(), result.bytes());
            for (ChunkResult.Failure f : result.failures()) progress.failed(folder.pair(), f.uid(), f.reason());
        }

        @Override
        public void dropped() {
            resume = true;
        }

        @Override
        public String describe() {
            return "copying folder " + folder.pair().source();
        }
    }

    private final class Finish extends Work {
        Finish(FolderRun folder) {
            super(folder);
        }

        @Override
        public void run(ConnectionPair pair) throws MessagingException, ServerThrottled {
            FolderReport report = sync.finish(folder.plan(), folder.results(), pair.source(), pair.destination(), options, state);
            folderFinished(folder, report);
        }

        @Override
        public String describe() {
            return "finishing folder " + folder.pair().source();
        }
    }
}
