package org.vaultmail.mail;

import org.vaultmail.account.MailServers;

/**
 * Watches one folder of one mailbox for new mail and changes (ADR 0013): IMAP IDLE where the server has it,
 * else polling. Each watch keeps one dedicated IMAP connection of its own (not from {@link MailConnections})
 * and runs on a virtual thread; the number of watches per node is capped.
 */
public interface FolderWatcher {

    /**
     * Starts watching {@code folder} (full path, e.g. {@code INBOX}) and reports to {@code listener} from the
     * watch's thread. {@code credentials} is asked for the password only to (re)connect. Throws
     * {@link MailStoreException} {@code UNAVAILABLE} when the node's cap of watches is reached.
     */
    MailWatch watch(MailServers servers, String address, CredentialSource credentials, String folder,
                    WatchListener listener);

    /** Watches running on this node. */
    int activeWatches();
}
