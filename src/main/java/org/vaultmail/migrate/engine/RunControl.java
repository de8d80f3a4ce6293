package org.vaultmail.migrate.engine;

/**
 * The job's say while a pass runs: {@link #checkpoint} between batches throws when the job was paused or cancelled
 * (the pass stops there, its state resumable); {@link #pace} blocks to hold the job's and the host's rate limits.
 */
public interface RunControl {

    /** @throws JobInterrupted when the job should stop now */
    void checkpoint() throws JobInterrupted;

    /** Blocks until {@code messages} and {@code bytes} may go (token buckets per job and per host). */
    void pace(int messages, long bytes) throws InterruptedException;

    RunControl UNLIMITED = new RunControl() {
        @Override
        public void checkpoint() {
        }

        @Override
        public void pace(int messages, long bytes) {
        }
    };
}
