package org.vaultmail.mail;

import java.util.List;

/**
 * What a {@link MailWatch} reports, called from the watch's own thread (one call at a time). Carries
 * folder paths, UIDs and counts only: never message content or credentials.
 */
public interface WatchListener {

    /** Total and unread messages of the watched folder, or of INBOX; sent first on (re)connect, then on change. */
    void counts(FolderCounts counts);

    /** Messages that arrived in the watched folder (UIDs, ascending). */
    void newMessages(String folder, List<Long> uids);

    /** Messages were expunged or their flags changed in the watched folder: a listing should be refreshed. */
    void changed(String folder);

    /** The watch stopped for good (not called for {@link MailWatch#close()}). */
    void ended(End reason);

    /** Why a watch ended on its own. */
    enum End {
        /** The folder does not exist (or cannot be selected). */
        NO_SUCH_FOLDER,
        /** The password could not be had or was refused on reconnect (e.g. the session was revoked). */
        ACCESS_LOST
    }

    /** A folder's message counts. */
    record FolderCounts(String path, int total, int unread) {
    }
}
