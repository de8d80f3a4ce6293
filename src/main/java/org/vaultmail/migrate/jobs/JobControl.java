package org.vaultmail.migrate.jobs;

import org.vaultmail.migrate.engine.JobInterrupted;
import org.vaultmail.migrate.engine.RunControl;

/**
 * The run's {@link RunControl}: {@link #checkpoint} answers what the heartbeat last read ({@code requested}, or a lost
 * lease) without a query of its own. {@link #pace} adds nothing: the engine's {@code PacedControl} already holds the
 * job's limits (from its options) and the host's, in one place.
 */
final class JobControl implements RunControl {

    private volatile String requested = "";
    private volatile boolean leaseLost;

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
    public void pace(int count, long size) {
        // the engine paces (job and host limits); see the class comment
    }
}
