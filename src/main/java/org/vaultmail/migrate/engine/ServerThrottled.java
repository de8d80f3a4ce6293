package org.vaultmail.migrate.engine;

/**
 * A server asked us to slow down ({@code [THROTTLED]}, {@code NO [UNAVAILABLE]}, or a {@code BYE} that says so):
 * the engine backs off and tries the same step again.
 */
public class ServerThrottled extends Exception {

    private final boolean source;

    public ServerThrottled(boolean source, String message) {
        super(message);
        this.source = source;
    }

    public boolean source() {
        return source;
    }
}
