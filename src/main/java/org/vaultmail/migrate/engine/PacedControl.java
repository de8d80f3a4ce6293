package org.vaultmail.migrate.engine;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.vaultmail.migrate.MigrationOptions;

/**
 * The {@link RunControl} the engine hands to {@link FolderSync#copy}: a checkpoint that also stops when another
 * worker of the pass failed or was interrupted, and a pace that takes from the caller's control, the job's own
 * buckets (from the options, so a limit holds even under {@link RunControl#UNLIMITED}) and both hosts' buckets.
 */
final class PacedControl implements RunControl {

    private final RunControl job;
    private final HostLimits hosts;
    private final String sourceHost;
    private final String destinationHost;
    private final @Nullable TokenBucket jobMessages;
    private final @Nullable TokenBucket jobBytes;
    private final Supplier<@Nullable JobInterrupted> stop;

    /** @param stop the pass's stop signal: non-null once the pass is stopping */
    PacedControl(RunControl job, HostLimits hosts, ImapAccount source, ImapAccount destination,
                 MigrationOptions options, Supplier<@Nullable JobInterrupted> stop) {
        this.job = job;
        this.hosts = hosts;
        this.sourceHost = source.hostKey();
        this.destinationHost = destination.hostKey();
        this.jobMessages = options.maxMessagesPerSecond() > 0 ? TokenBucket.realTime(options.maxMessagesPerSecond()) : null;
        this.jobBytes = options.maxBytesPerSecond() > 0 ? TokenBucket.realTime(options.maxBytesPerSecond()) : null;
        this.stop = stop;
    }

    @Override
    public void checkpoint() throws JobInterrupted {
        JobInterrupted stopping = stop.get();
        if (stopping != null) throw stopping;
        job.checkpoint();
    }

    @Override
    public void pace(int messages, long bytes) throws InterruptedException {
        job.pace(messages, bytes);
        if (jobMessages != null) jobMessages.take(messages);
        if (jobBytes != null) jobBytes.take(bytes);
        hosts.pace(sourceHost, messages, bytes);
        if (!destinationHost.equals(sourceHost)) hosts.pace(destinationHost, messages, bytes);
    }
}
