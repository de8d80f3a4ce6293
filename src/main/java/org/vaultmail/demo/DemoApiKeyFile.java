package org.vaultmail.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code <data-dir>/demo-api-key}: the demo's API key for alice, owner-only (0600), the key's one and only
 * destination (never the log or the console). Written to a 0600 temporary file first and moved into place, so the
 * key is never readable by others, not even for a moment, and a crash leaves the old file or the new one.
 */
final class DemoApiKeyFile {

    static final String NAME = "demo-api-key";

    private final Path file;

    DemoApiKeyFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** The key in the file, trimmed; empty when there is no file (or nothing in it). */
    Optional<String> read() {
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    void write(String key) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(NAME + ".tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            } catch (FileAlreadyExistsException raced) {
                throw new IllegalStateException("Another process is writing " + temporary, raced);
            }
            Files.writeString(temporary, key + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e); // the message names the file, not the key
        }
    }
}
