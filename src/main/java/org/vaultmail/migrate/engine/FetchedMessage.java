package org.vaultmail.migrate.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Literal;
import org.jspecify.annotations.Nullable;

/**
 * A source message with its raw bytes, ready to APPEND: in memory (the FETCH reply's own buffer, not copied) or in a
 * spool file for a big one. {@link #close} deletes the spool file.
 */
record FetchedMessage(long uid, Instant internalDate, Set<String> flags, String fingerprint, @Nullable ByteArray bytes,
                      @Nullable Path spool, int size) implements Literal, AutoCloseable {

    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (bytes != null) {
            out.write(bytes.getBytes(), bytes.getStart(), bytes.getCount());
        } else if (spool != null) {
            Files.copy(spool, out); // streamed: a big message never sits whole in the heap
        }
    }

    @Override
    public void close() {
        if (spool != null) {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                spool.toFile().deleteOnExit();
            }
        }
    }
}
