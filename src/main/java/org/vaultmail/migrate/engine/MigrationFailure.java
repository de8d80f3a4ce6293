package org.vaultmail.migrate.engine;

/**
 * A pass that cannot go on: {@code authentication} (not retried), {@code unreachable} (after the reconnect and
 * backoff it is allowed), {@code protocol} (the server answered something the engine cannot work with). The message is
 * in words and never holds a credential or a server reply that could echo one.
 */
public class MigrationFailure extends Exception {

    public enum Kind { AUTHENTICATION, UNREACHABLE, PROTOCOL }

    private final Kind kind;
    private final boolean source;

    public MigrationFailure(Kind kind, boolean source, String message) {
        super(message);
        this.kind = kind;
        this.source = source;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether it concerns the source (else the destination). */
    public boolean source() {
        return source;
    }
}
