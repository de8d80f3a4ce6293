package org.vaultmail.bench;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The floor's one persistent IMAP connection, with the folder selected. If the server drops it (a shared
 * test server may be restarted by someone else's test), it logs in again and the interrupted sample is
 * reported as {@link Dropped}, so the caller discards it instead of timing a reconnect.
 */
final class Floor implements AutoCloseable {

    /** The connection was lost during this command; it is open again now. */
    static final class Dropped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Dropped(UncheckedIOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final String host;
    private final int port;
    private final @Nullable Path certificate;
    private final String user;
    private final String password;
    private final String folder;
    private RawImap imap;
    private int reconnects;

    Floor(String host, int port, @Nullable Path certificate, String user, String password, String folder) {
        this.host = host;
        this.port = port;
        this.certificate = certificate;
        this.user = user;
        this.password = password;
        this.folder = folder;
        this.imap = open();
    }

    private RawImap open() {
        RawImap connection = RawImap.login(host, port, certificate, user, password);
        connection.command("SELECT " + folder);
        return connection;
    }

    List<String> command(String command) {
        try {
            return imap.command(command);
        } catch (UncheckedIOException e) {
            imap.close();
            imap = open();
            reconnects++;
            throw new Dropped(e);
        }
    }

    int reconnects() {
        return reconnects;
    }

    @Override
    public void close() {
        imap.close();
    }
}
