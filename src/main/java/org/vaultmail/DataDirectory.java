package org.vaultmail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where Vaultmail keeps its embedded database and generated keyset ({@code vaultmail.data-dir}). */
@Component
public class DataDirectory {

    private final Path path;

    DataDirectory(@Value("${vaultmail.data-dir:./data}") String dir) {
        this.path = Path.of(dir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + path, e);
        }
    }

    public Path path() {
        return path;
    }
}
