package org.vaultmail.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * A folder's full name as the server names it (already decoded from modified UTF-7), with the
 * server's hierarchy delimiter. {@code INBOX} is case-insensitive in IMAP and is normalised here.
 */
public final class FolderPath {

    private final String path;
    private final char delimiter;

    private FolderPath(String path, char delimiter) {
        this.path = path;
        this.delimiter = delimiter;
    }

    /** {@code path} with the hierarchy {@code delimiter} the server reported ({@code '\0'} for a flat namespace). */
    public static FolderPath of(String path, char delimiter) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) throw new IllegalArgumentException("A folder path is not empty");
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') throw new IllegalArgumentException("A folder path has no CR, LF or NUL");
        }
        if (path.equalsIgnoreCase("INBOX")) path = "INBOX";
        return new FolderPath(path, delimiter);
    }

    /** The INBOX, which every IMAP server has. */
    public static FolderPath inbox(char delimiter) {
        return new FolderPath("INBOX", delimiter);
    }

    /** The full path, as sent to the server (before modified UTF-7 encoding). */
    public String asString() {
        return path;
    }

    public char delimiter() {
        return delimiter;
    }

    /** The last segment. */
    public String name() {
        int i = delimiter == '\0' ? -1 : path.lastIndexOf(delimiter);
        return i < 0 ? path : path.substring(i + 1);
    }

    /** The enclosing folder, if this one is not at the top. */
    public Optional<FolderPath> parent() {
        int i = delimiter == '\0' ? -1 : path.lastIndexOf(delimiter);
        return i <= 0 ? Optional.empty() : Optional.of(new FolderPath(path.substring(0, i), delimiter));
    }

    /** A child of this folder called {@code name}. */
    public FolderPath child(String name) {
        if (delimiter == '\0') throw new IllegalStateException("A flat namespace has no child folders");
        if (name.indexOf(delimiter) >= 0) throw new IllegalArgumentException("A folder name has no delimiter");
        return of(path + delimiter + name, delimiter);
    }

    public boolean isInbox() {
        return path.equals("INBOX");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FolderPath other && other.path.equals(path) && other.delimiter == delimiter;
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + delimiter;
    }

    @Override
    public String toString() {
        return "FolderPath[" + path + " '" + delimiter + "']";
    }
}
