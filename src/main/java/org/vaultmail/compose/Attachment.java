package org.vaultmail.compose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A file to attach: its name as the user sees it, its type, its size, and where its bytes are. Large ones stay on
 * disk (an upload the container spooled, a draft in the upload spool) and are read as a stream when the message is
 * built, so that uploads do not live in the heap.
 */
public final class Attachment {

    /** Opens the bytes anew each time. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    private final String filename;
    private final String contentType;
    private final long size;
    private final Content content;

    public Attachment(String filename, String contentType, byte[] content) {
        this(filename, contentType, content.length, () -> new ByteArrayInputStream(content));
    }

    /** An attachment of {@code size} bytes read from {@code content} when needed. */
    public Attachment(String filename, String contentType, long size, Content content) {
        this.filename = filename;
        this.contentType = contentType;
        this.size = size;
        this.content = content;
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    /** A new stream of the bytes; the caller closes it. */
    public InputStream open() throws IOException {
        return content.open();
    }

    /** All the bytes in memory (for small files and tests; building a message streams them instead). */
    public byte[] content() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long size() {
        return size;
    }

    @Override
    public String toString() {
        return "Attachment[" + filename + ", " + contentType + ", " + size + " bytes]";
    }
}
