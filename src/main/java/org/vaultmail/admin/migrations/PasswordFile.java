package org.vaultmail.admin.migrations;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

import org.vaultmail.vault.Secret;

/**
 * Reads one password from a file: the whole file, less one trailing newline. A file readable by group or others is
 * used but warned about (its path only; the content is never printed). Arguments and the environment are not used for
 * passwords because {@code ps}, shell history and {@code /proc/PID/environ} show them.
 */
final class PasswordFile {

    static final int MAX_BYTES = 4096;

    private PasswordFile() {
    }

    static Secret read(Path file, PrintStream err) throws Unreadable {
        if (!Files.isRegularFile(file)) throw new Unreadable(file + ": no such file");
        warnIfShared(file, err);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) throw new Unreadable(file + ": larger than " + MAX_BYTES + " bytes, not a password file");
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Unreadable(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        try {
            int n = bytes.length;
            if (n > 0 && bytes[n - 1] == '\n') n--;
            if (n > 0 && bytes[n - 1] == '\r' && n < bytes.length) n--;
            if (n == 0) throw new Unreadable(file + ": empty");
            return Secret.copyOf(Arrays.copyOf(bytes, n));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Also used for the batch's password directory. */
    static void warnIfShared(Path path, PrintStream err) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) return; // not a POSIX file system: nothing to check
        try {
            Set<PosixFilePermission> p = view.readAttributes().permissions();
            boolean file = Files.isRegularFile(path);
            boolean shared = file ? p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                    : p.contains(PosixFilePermission.GROUP_EXECUTE) || p.contains(PosixFilePermission.OTHERS_EXECUTE)
                      || p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
            if (shared) {
                err.println("warning: " + path + " is readable by group or others; chmod " + (file ? "600" : "700") + " " + path);
            }
        } catch (IOException e) {
            // unreadable attributes: the read itself reports the problem
        }
    }

    /** A password file that cannot be used; the message names the file, never its content. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }
}
