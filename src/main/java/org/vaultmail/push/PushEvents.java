package org.vaultmail.push;

import java.util.List;

/** The JSON bodies of the events on {@code /api/v1/events}: paths, UIDs and counts, never content or credentials. */
final class PushEvents {

    private PushEvents() {
    }

    /** {@code event: counts}: a folder's totals (the watched folder, and INBOX). */
    record Counts(String path, int total, int unread) {
    }

    /** {@code event: new}: messages that arrived in the watched folder. */
    record NewMail(String folder, List<Long> uids) {
    }

    /** {@code event: changed}: messages were expunged or flagged elsewhere; refresh the listing. */
    record Changed(String folder) {
    }

    /**
     * {@code event: ended}: the stream ends for good and the client should not reconnect on its own:
     * {@code replaced} (the session now watches another folder, or a newer session of the same user took the
     * user's last watch: ADR 0029), {@code no-such-folder}, {@code access-lost}
     * (signed out or revoked), {@code shutdown} (the node stops: reconnecting later is fine).
     */
    record Ended(String reason) {
    }
}
