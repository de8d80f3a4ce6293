package org.vaultmail.organise;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;

/** A bulk action running in the background for one session; read by {@link Job#snapshot()}. */
public final class Job {

    /** Where it stands. */
    public enum State { RUNNING, DONE, FAILED }

    private final String id;
    private final String sessionId;
    private final Action action;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final Instant started;
    private volatile State state = State.RUNNING;
    private volatile @Nullable Outcome outcome;
    private volatile @Nullable MessageSourceResolvable error;
    private volatile @Nullable Instant finished;

    Job(String id, String sessionId, Action action, int total, Instant started) {
        this.id = id;
        this.sessionId = sessionId;
        this.action = action;
        this.total = total;
        this.started = started;
    }

    String sessionId() {
        return sessionId;
    }

    String id() {
        return id;
    }

    @Nullable Instant finished() {
        return finished;
    }

    boolean running() {
        return state == State.RUNNING;
    }

    void progress(int messages) {
        done.addAndGet(messages);
    }

    void succeed(Outcome result, Instant at) {
        outcome = result;
        finished = at;
        state = State.DONE;
    }

    /** Failed, with what the user is told: a message key, or (for the mail server's own words) a default text only. */
    void fail(MessageSourceResolvable message, Instant at) {
        error = message;
        finished = at;
        state = State.FAILED;
    }

    /** A consistent view for clients. */
    public Snapshot snapshot() {
        return new Snapshot(id, action, state, total, Math.min(done.get(), total), outcome, error, started, finished);
    }

    /**
     * A job as clients see it; {@code outcome} once done, {@code error} once failed (a message for the user, put into
     * the reader's language where it is written).
     */
    public record Snapshot(String id, Action action, State state, int total, int done, @Nullable Outcome outcome,
                           @Nullable MessageSourceResolvable error, Instant started,
                           @Nullable Instant finished) {
    }
}
