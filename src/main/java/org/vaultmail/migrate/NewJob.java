package org.vaultmail.migrate;

import java.util.Objects;

/** A job to create: both sides and the options. Closing it wipes both passwords. */
public final class NewJob implements AutoCloseable {

    private final ServerLogin source;
    private final ServerLogin destination;
    private final MigrationOptions options;

    public NewJob(ServerLogin source, ServerLogin destination, MigrationOptions options) {
        this.source = Objects.requireNonNull(source);
        this.destination = Objects.requireNonNull(destination);
        this.options = Objects.requireNonNull(options);
    }

    public ServerLogin source() {
        return source;
    }

    public ServerLogin destination() {
        return destination;
    }

    public MigrationOptions options() {
        return options;
    }

    @Override
    public void close() {
        source.close();
        destination.close();
    }

    @Override
    public String toString() {
        return "NewJob[" + source + " -> " + destination + ", " + options + "]";
    }
}
