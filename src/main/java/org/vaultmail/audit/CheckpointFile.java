package org.vaultmail.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The append-only JSON-lines file of published checkpoints. Appends hold an exclusive file lock, so
 * nodes sharing one data directory never interleave lines, and skip a checkpoint equal to the last line
 * (several nodes publishing the same unchanged head write it once).
 */
final class CheckpointFile {

    /** One line as read: its number (from 1), and the checkpoint or why it could not be read. */
    record Line(int number, @Nullable Checkpoint checkpoint, @Nullable String problem) {
    }

    /** File locks are per process; nodes in one JVM (tests) also take this in-process lock. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> IN_PROCESS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path path;

    CheckpointFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    /** Appends {@code checkpoint} unless the last line names the same sequence and hash; true when written. */
    boolean append(Checkpoint checkpoint) {
        synchronized (IN_PROCESS.computeIfAbsent(path, p -> new Object())) {
            return appendLocked(checkpoint);
        }
    }

    private boolean appendLocked(Checkpoint checkpoint) {
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Checkpoint last = lastOf(channel);
                if (last != null && last.seq() == checkpoint.seq() && java.util.Arrays.equals(last.hash(), checkpoint.hash())) {
                    return false;
                }
                ByteBuffer line = ByteBuffer.wrap((checkpoint.jsonLine() + "\n").getBytes(StandardCharsets.UTF_8));
                channel.position(channel.size());
                while (line.hasRemaining()) channel.write(line);
                channel.force(false);
                return lock.isValid();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit checkpoint file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Every line that holds a checkpoint (in a copy of the log, the others are skipped); empty when there is no file. */
    List<Line> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + path + ": " + e.getMessage(), e);
        }
        List<Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            String candidate = Checkpoint.fromLine(text);
            if (candidate == null) continue; // a log file's other lines
            try {
                out.add(new Line(i + 1, Checkpoint.parse(candidate), null));
            } catch (IllegalArgumentException e) {
                out.add(new Line(i + 1, null, e.getMessage()));
            }
        }
        return out;
    }

    /** The last checkpoint in the file, if any (what this installation last vouched for here). */
    Optional<Checkpoint> last() {
        if (!Files.exists(path)) return Optional.empty();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return Optional.ofNullable(lastOf(channel));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + path + ": " + e.getMessage(), e);
        }
    }

    boolean exists() {
        return Files.exists(path);
    }

    /** The last well-formed line, read from the end (the file grows by one short line per interval). */
    private static @Nullable Checkpoint lastOf(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) return null;
        int tail = (int) Math.min(size, 4096);
        ByteBuffer buffer = ByteBuffer.allocate(tail);
        channel.read(buffer, size - tail);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).stripTrailing();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        try {
            return Checkpoint.parse(last);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
