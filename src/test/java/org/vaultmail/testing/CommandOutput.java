package org.vaultmail.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output and error of one command-line run, captured as UTF-8 text. */
public final class CommandOutput {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Clears both streams and returns a fresh {@code PrintStream} pair for the next run. */
    public Streams next() {
        out.reset();
        err.reset();
        return new Streams(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The streams a command writes to. */
    public record Streams(PrintStream out, PrintStream err) {
    }
}
