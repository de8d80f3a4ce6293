package org.vaultmail.mail;

/** A running {@link FolderWatcher} watch; closing it ends IDLE, logs out and closes its connection. */
public interface MailWatch extends AutoCloseable {

    /** The watched folder's full path. */
    String folder();

    /** False once closed or ended on its own (see {@link WatchListener#ended}). */
    boolean isOpen();

    /** Stops the watch; idempotent and does not wait for the connection to close. */
    @Override
    void close();
}
