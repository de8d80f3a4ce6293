package org.vaultmail.reading;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.vaultmail.mail.FolderPath;
import org.vaultmail.proxy.RemoteContentUrls;

/** URLs of the reading API, built in one place (folder paths are one path segment, slashes encoded). */
public final class MessageLinks {

    private MessageLinks() {
    }

    /**
     * A folder path as one URL path segment: {@code Archive/2024} becomes {@code Archive%2F2024}. Canonical
     * (ADR 0024): {@code ~} stays as it is, which URLEncoder would encode.
     */
    public static String segment(String folderPath) {
        return URLEncoder.encode(folderPath, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }

    public static String message(FolderPath folder, long uid) {
        return "/api/v1/folders/" + segment(folder.asString()) + "/messages/" + uid;
    }

    public static String part(FolderPath folder, long uid, String partId) {
        return message(folder, uid) + "/attachments/" + segment(partId);
    }

    /** A remote resource through the image proxy. */
    static String proxied(String absoluteUrl) {
        return RemoteContentUrls.proxied(absoluteUrl);
    }
}
