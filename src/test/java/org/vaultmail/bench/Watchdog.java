package org.vaultmail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Notices a server that stopped answering: when no request completed for {@code limit}, it saves the
 * server's thread dump (virtual threads included) next to the run's other files, says what the carrier and
 * virtual threads were doing, and ends the benchmark with exit code 2 instead of waiting for timeouts.
 */
final class Watchdog {

    private final Duration limit;
    private final @Nullable ServerProcess server;
    private final Path dumpDir;
    private volatile long lastProgress = System.nanoTime();
    private volatile String phase = "start";

    Watchdog(Duration limit, @Nullable ServerProcess server, Path dumpDir) {
        this.limit = limit;
        this.server = server;
        this.dumpDir = dumpDir;
        Thread.ofPlatform().daemon().name("watchdog").start(this::watch);
    }

    void phase(String name) {
        phase = name;
        lastProgress = System.nanoTime();
    }

    void progress() {
        lastProgress = System.nanoTime();
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() - lastProgress > limit.toNanos()) {
                System.out.printf(Locale.ROOT, "STALLED: no request completed for %d s during %s%n", limit.toSeconds(), phase);
                if (server != null) dump(server);
                System.out.println("RESULT load: server stalled");
                System.exit(2);
            }
        }
    }

    private void dump(ServerProcess server) {
        Path file = dumpDir.resolve("server-threads-" + System.currentTimeMillis() + ".txt");
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(server.pid()), "Thread.dump_to_file", "-format=text", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) jcmd.destroyForcibly();
            List<String> lines = Files.readAllLines(file);
            long carriersBlocked = lines.stream().filter(l -> l.contains("\"ForkJoinPool-1-worker") && l.contains(" BLOCKED ")).count();
            long carriers = lines.stream().filter(l -> l.contains("\"ForkJoinPool-1-worker")).count();
            long virtualBlocked = lines.stream().filter(l -> l.contains(" virtual BLOCKED ")).count();
            long virtualRunnable = lines.stream().filter(l -> l.contains(" virtual RUNNABLE ")).count();
            System.out.printf(Locale.ROOT, "server threads (%s): %d of %d virtual-thread carriers BLOCKED, %d virtual threads BLOCKED, %d RUNNABLE"
                    + " (waiting for a carrier if the carriers are blocked)%n", file, carriersBlocked, carriers, virtualBlocked, virtualRunnable);
        } catch (IOException e) {
            System.out.println("could not dump the server's threads: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
