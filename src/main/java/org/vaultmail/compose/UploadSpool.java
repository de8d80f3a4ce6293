package org.vaultmail.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import jakarta.mail.util.SharedFileInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Where uploads and the messages built from them live while a request works on them, instead of the heap:
 * {@code <data-dir>/uploads}, owner-only (0700; files 0600), emptied at start-up (what a crash left behind). The
 * servlet container spools multipart bodies here too. A file made during a request is deleted when the request ends.
 */
final class UploadSpool {

    private static final Logger log = LoggerFactory.getLogger(UploadSpool.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path directory;

    UploadSpool(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath();
        Files.createDirectories(this.directory);
        if (POSIX) Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.directory)) {
            for (Path p : leftovers) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) removed++;
            }
        }
        if (removed > 0) log.info("Removed {} upload files left over from an earlier run", removed);
    }

    Path directory() {
        return directory;
    }

    /** A new empty file (0600), deleted at the end of the current request. */
    Path newFile() {
        try {
            Path file = directory.resolve(UUID.randomUUID() + ".tmp");
            if (POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            if (request != null) {
                request.registerDestructionCallback("vaultmail.upload." + file.getFileName(), () -> delete(file),
                        RequestAttributes.SCOPE_REQUEST);
            } else {
                file.toFile().deleteOnExit(); // not made in a request (none today): at the latest at exit or the next start
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A shared stream of {@code file} (messages parsed from it read their parts through it), closed when the
     * current request ends, before the file is deleted: an open descriptor would keep a deleted file's disk space.
     */
    SharedFileInputStream open(Path file) {
        try {
            SharedFileInputStream in = new SharedFileInputStream(file.toFile());
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            if (request != null) {
                request.registerDestructionCallback("vaultmail.upload.stream." + UUID.randomUUID(), () -> close(in),
                        RequestAttributes.SCOPE_REQUEST);
            }
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(SharedFileInputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing a read-only file: nothing to lose
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the upload file {} ({}); it goes at the next start", file.getFileName(), e.getClass().getSimpleName());
        }
    }
}
