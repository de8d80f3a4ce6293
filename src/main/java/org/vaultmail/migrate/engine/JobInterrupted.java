package org.vaultmail.migrate.engine;

/** The job was paused or cancelled: the pass stops at a checkpoint, everything it did so far recorded. */
public class JobInterrupted extends Exception {

    public enum Why { PAUSED, CANCELLED, LEASE_LOST }

    private final Why why;

    public JobInterrupted(Why why) {
        super("job " + why.name().toLowerCase(java.util.Locale.ROOT));
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
