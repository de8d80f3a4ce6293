package org.vaultmail.migrate.jobs;

import org.vaultmail.migrate.MigrationOptions;
import org.vaultmail.migrate.engine.JobInterrupted;
import org.vaultmail.migrate.engine.RunControl;

/**
 * The run's {@link RunControl}: {@link #checkpoint} answers what the heartbeat last read ({@code requested}, or a lost
 * lease) without a query of its own; {@link #pace} holds the job's own limits (per-host limits are the engine's).
 */
final class JobControl implements RunControl {

    private final TokenBucket messages;
    private final TokenBucket bytes;
    private volatile String requested = "";
    private volatile boolean leaseLost;

    JobControl(MigrationOptions options) {
        this.messages = new TokenBucket(options.maxMessagesPerSecond());
        this.bytes = new TokenBucket(options.maxBytesPerSecond());
    }

    void requested(String what) {
        requested = what;
    }

    void leaseLost() {
        leaseLost = true;
    }

    boolean isLeaseLost() {
        return leaseLost;
    }

    @Override
    public void checkpoint() throws JobInterrupted {
        if (leaseLost) throw new JobInterrupted(JobInterrupted.Why.LEASE_LOST);
        switch (requested) {
            case "cancel" -> throw new JobInterrupted(JobInterrupted.Why.CANCELLED);
            case "pause" -> throw new JobInterrupted(JobInterrupted.Why.PAUSED);
            default -> { }
        }
    }

    @Override
    public void pace(int count, long size) throws InterruptedException {
        messages.take(count);
        bytes.take(size);
    }
}
