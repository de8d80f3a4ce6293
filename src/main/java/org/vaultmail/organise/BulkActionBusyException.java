package org.vaultmail.organise;

/** The session already runs a bulk action (one at a time per session). */
public final class BulkActionBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BulkActionBusyException() {
        super("Another bulk action is still running; wait for it to finish.");
    }
}
