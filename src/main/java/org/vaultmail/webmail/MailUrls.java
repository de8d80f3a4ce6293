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

    static String frame(String path, long uid, boolean remote) {
        return folder(path) + "/" + uid + "/frame" + (remote ? "?remote=true" : "");
    }
}
