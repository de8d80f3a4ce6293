package org.vaultmail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where Vaultmail keeps its embedded database and generated keyset ({@code vaultmail.data-dir}). */
@Component
public class DataDirectory {

    private final Path path;

    DataDirectory(@Value("${vaultmail.data-dir:./data}") String dir) {
        this.path = Path.of(dir).toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(path) && path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // keys and the database live here: owner only (doctor warns about existing, wider directories)
                Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + path, e);
        }
    }

    public Path path() {
        return path;
    }
}
