package org.vaultmail.migrate.engine;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPStore;

/** One worker's connections: one to the source, one to the destination, and the host slots they hold. */
final class ConnectionPair implements AutoCloseable {

    private final IMAPStore source;
    private final IMAPStore destination;
    private final HostLimits.Permits permits;
    private final long openedAt = System.nanoTime();

    ConnectionPair(IMAPStore source, IMAPStore destination, HostLimits.Permits permits) {
        this.source = source;
        this.destination = destination;
        this.permits = permits;
    }

    boolean olderThan(java.time.Duration age) {
        return System.nanoTime() - openedAt > age.toNanos();
    }

    IMAPStore source() {
        return source;
    }

    IMAPStore destination() {
        return destination;
    }

    /** Whether the failure came from the source connection (else the destination's, or unknown: destination). */
    boolean isSource(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.mail.StoreClosedException s) return s.getStore() == source;
            if (t instanceof jakarta.mail.FolderClosedException f) return f.getFolder() != null && f.getFolder().getStore() == source;
        }
        return false;
    }

    @Override
    public void close() {
        closeQuietly(source);
        closeQuietly(destination);
        permits.close();
    }

    static void closeQuietly(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            // already gone: nothing left to release
        }
    }
}
