package org.vaultmail.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What /proc says about the server process: its resident memory and its JVM options. */
final class ServerProcess {

    private final long pid;
    private volatile long maxRssKb;
    private volatile long lastRssKb;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    /** VmRSS in KiB, or -1 if the process is gone. */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    long pid() {
        return pid;
    }

    /** CPU time the process has used (user + system, all threads, 10 ms resolution), or -1 if it is gone. */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // after "pid (comm) ": state is f[0]
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);      // utime, stime (fields 14, 15)
            return ticks * 10_000_000L;                                      // USER_HZ = 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Samples RSS every second on a daemon thread until the JVM exits. */
    void sampleEverySecond() {
        Thread sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
            while (true) {
                long rss = rssKb();
                if (rss > 0) {
                    lastRssKb = rss;
                    if (rss > maxRssKb) maxRssKb = rss;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setPriority(Thread.MAX_PRIORITY);
    }

    long maxRssKb() {
        return maxRssKb;
    }

    long lastRssKb() {
        return lastRssKb;
    }

    /** The options given to the JVM (everything before {@code -jar}). */
    List<String> jvmOptions() {
        try {
            String[] parts = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8).split("\0");
            List<String> options = new ArrayList<>();
            for (int i = 1; i < parts.length && !parts[i].equals("-jar"); i++) options.add(parts[i]);
            return options;
        } catch (IOException e) {
            return List.of("unknown (" + e.getMessage() + ")");
        }
    }
}
