package org.vaultmail.webmail;

import org.vaultmail.reading.MessageLinks;

/** URLs of the reading pages; a folder path is one URL-encoded path segment, as in the API. */
final class MailUrls {

    private MailUrls() {
    }

    static String folder(String path) {
        return "/mail/" + MessageLinks.segment(path);
    }

    static String folder(String path, ListParams params) {
        return folder(path) + params.query();
    }

    static String rows(String path, ListParams params, int offset) {
        return folder(path) + "/rows" + params.query(offset);
    }

    static String message(String path, long uid, ListParams params) {
        return folder(path) + "/" + uid + params.query();
    }

    /** Organising the folder's messages from the mail UI (ADR 0056). */
    static String actions(String path) {
        return folder(path) + "/actions";
    }

    static String job(String path, String id, ListParams params) {
        return folder(path) + "/jobs/" + MessageLinks.segment(id) + params.query();
    }

    static String undo(String path, String token, ListParams params) {
        return folder(path) + "/undo/" + MessageLinks.segment(token) + params.query();
    }

    static String frame(String path, long uid, boolean remote) {
        return folder(path) + "/" + uid + "/frame" + (remote ? "?remote=true" : "");
    }
}
