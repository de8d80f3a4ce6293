package org.vaultmail.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Many concurrent API sessions reading mail: each session (a virtual thread) lists a page at a random
 * offset among the first {@code --pages} pages, then opens a random message of that page, again and again,
 * with no pause. Sessions are spread round-robin over {@code --users} (Dovecot allows each user 100
 * connections from one address). Everything in the first {@code --warmup} is discarded; then
 * {@code --duration} is measured: throughput, latency percentiles per operation, errors by kind, and
 * the server's resident memory sampled every second.
 *
 * <p>{@code bench/load.sh} seeds the users, starts the server and runs this; see docs/benchmarks.md.
 */
public final class LoadBenchmark {

    private LoadBenchmark() {
    }

    private record User(String address, String password) {
        @Override
        public String toString() {
            return address;
        }
    }

    /** Counters of one phase. */
    private static final class Stats {
        final Samples list = new Samples();
        final Samples open = new Samples();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        void error(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        String base = o.string("base", "http://127.0.0.1:8080");
        List<User> users = users(o.string("users", "big@example.test:big-pass"));
        int sessions = o.integer("sessions", 200);
        Duration warmup = o.duration("warmup", Duration.ofSeconds(15));
        Duration duration = o.duration("duration", Duration.ofMinutes(2));
        int pages = o.integer("pages", 3);
        int pageSize = o.integer("page-size", 50);
        // One at a time by default: concurrent sign-ins can deadlock the server (docs/benchmarks.md, "Reading (issue 4)").
        int signInParallel = o.integer("signin-parallel", 1);
        Duration stall = o.duration("stall", Duration.ofSeconds(60));
        String dumpDir = o.string("dump-dir", System.getProperty("java.io.tmpdir"));
        String folder = o.string("folder", "INBOX");
        String pid = o.string("server-pid");
        o.checkAllUsed();

        ServerProcess server = pid == null ? null : new ServerProcess(Long.parseLong(pid));
        if (server != null) {
            System.out.println("server JVM options: " + String.join(" ", server.jvmOptions()));
            System.out.println("server RSS before sign-in: " + mb(server.rssKb()));
        }
        System.out.printf(Locale.ROOT, "== load: %d sessions over %d users %s, %s warm-up + %s measured, pages 1–%d of %d, load %s%n",
                sessions, users.size(), users, warmup, duration, pages, pageSize, ReadingBenchmark.loadAverage());

        Http http = new Http(base);
        Watchdog watchdog = new Watchdog(stall, server, java.nio.file.Path.of(dumpDir));
        watchdog.phase("sign-in");
        List<ApiSession> signedIn = signIn(http, users, sessions, signInParallel, watchdog);
        if (signedIn.isEmpty()) {
            System.out.println("RESULT load: no session could sign in");
            System.exit(1);
        }
        if (server != null) {
            System.out.println("server RSS after " + signedIn.size() + " sign-ins: " + mb(server.rssKb()));
            server.sampleEverySecond();
        }

        String messages = "/api/v1/folders/" + URLEncoder.encode(folder, StandardCharsets.UTF_8) + "/messages";
        prime(signedIn, messages, pageSize, signInParallel, watchdog);
        watchdog.phase("the load");
        Stats warm = new Stats();
        Stats measured = new Stats();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        Thread.ofPlatform().daemon().name("progress").start(() -> progress(start, warm, measured));
        long[] serverCpu = {-1, -1};
        if (server != null) {
            Thread.ofPlatform().daemon().name("cpu").start(() -> { // the server's CPU time over the measured window
                try {
                    Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
                    serverCpu[0] = server.cpuNanos();
                    Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
                    serverCpu[1] = server.cpuNanos();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ApiSession session : signedIn) {
                threads.submit(() -> read(session, messages, pages, pageSize, measureFrom, end, warm, measured, watchdog));
            }
        }
        double seconds = Math.min((System.nanoTime() - measureFrom) / 1e9, duration.toNanos() / 1e9);
        report(warm, measured, seconds, server, signedIn);
        if (serverCpu[0] >= 0 && serverCpu[1] >= 0) {
            double cpu = (serverCpu[1] - serverCpu[0]) / 1e9;
            long requests = measured.list.count() + measured.open.count();
            System.out.printf(Locale.ROOT, "server CPU over the measured window: %.0f s = %.2f cores on average, %.1f ms per request%n",
                    cpu, cpu / seconds, requests == 0 ? Double.NaN : cpu * 1000 / requests);
        }
        if (measured.errorCount() > 0) System.exit(1); // so bench/load.sh keeps the server log
    }

    /**
     * Each session's first page, {@code parallel} at a time: it opens the session's IMAP connection (a new
     * jakarta.mail Session, the path that can deadlock, see {@code --signin-parallel}) and sorts the folder.
     */
    private static void prime(List<ApiSession> sessions, String messages, int pageSize, int parallel, Watchdog watchdog) throws Exception {
        watchdog.phase("opening each session's first page");
        Samples latency = new Samples();
        Semaphore slots = new Semaphore(parallel);
        long start = System.nanoTime();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ApiSession session : sessions) {
                threads.submit(() -> {
                    slots.acquire();
                    try {
                        Http.Reply reply = session.get(messages + "?limit=" + pageSize);
                        watchdog.progress();
                        if (reply.status() == 200) latency.add(reply.nanos());
                        else failures.computeIfAbsent("HTTP " + reply.status(), k -> new LongAdder()).increment();
                    } finally {
                        slots.release();
                    }
                    return null;
                });
            }
        }
        long[] sorted = latency.sorted();
        System.out.printf(Locale.ROOT, "first page of each session (opens its IMAP connection, %d at a time): %.1f s, median %s ms, max %s ms%s%n",
                parallel, (System.nanoTime() - start) / 1e9, Samples.ms(Samples.medianMs(sorted)), Samples.ms(Samples.percentileMs(sorted, 100)),
                failures.isEmpty() ? "" : ", failed: " + failures);
    }

    private static void progress(long start, Stats warm, Stats measured) {
        while (true) {
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                return;
            }
            System.out.printf(Locale.ROOT, "  %3.0f s: %d lists, %d opens, %d errors%n", (System.nanoTime() - start) / 1e9,
                    warm.list.count() + measured.list.count(), warm.open.count() + measured.open.count(),
                    warm.errorCount() + measured.errorCount());
        }
    }

    /** One session's loop: list a page, open one of its messages, until the end. */
    private static void read(ApiSession session, String messages, int pages, int pageSize, long measureFrom, long end,
                             Stats warm, Stats measured, Watchdog watchdog) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            long startedAt = System.nanoTime();
            Stats stats = startedAt >= measureFrom ? measured : warm;
            int offset = random.nextInt(pages) * pageSize;
            Http.Reply list = call(session, messages + "?limit=" + pageSize + "&offset=" + offset, "list", stats, watchdog);
            if (list == null) continue;
            stats.list.add(list.nanos());
            JsonNode page = list.json().get("messages");
            if (page.isEmpty()) {
                stats.error("list: empty page");
                continue;
            }
            long uid = page.get(random.nextInt(page.size())).get("uid").asLong();
            Stats openStats = System.nanoTime() >= measureFrom ? measured : warm;
            Http.Reply open = call(session, messages + "/" + uid, "open", openStats, watchdog);
            if (open != null) openStats.open.add(open.nanos());
        }
    }

    /** The reply if 200; otherwise counts the error (and pauses a little, so a failing server is not hammered). */
    private static Http.@Nullable Reply call(ApiSession session, String path, String op, Stats stats, Watchdog watchdog) {
        try {
            Http.Reply reply = session.get(path);
            watchdog.progress();
            if (reply.status() == 200) return reply;
            stats.error(op + ": HTTP " + reply.status() + " " + ApiSession.title(reply));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause(); // by kind, not by message (which names the URL)
            stats.error(op + ": " + cause.getClass().getSimpleName());
        }
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static List<ApiSession> signIn(Http http, List<User> users, int sessions, int parallel, Watchdog watchdog) throws Exception {
        Samples latency = new Samples();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        Semaphore slots = new Semaphore(parallel);
        List<Future<@Nullable ApiSession>> pending = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < sessions; i++) {
                User user = users.get(i % users.size());
                pending.add(threads.submit(() -> {
                    for (int attempt = 1; ; attempt++) {
                        slots.acquire();
                        long t = System.nanoTime();
                        try {
                            ApiSession s = ApiSession.signIn(http, user.address(), user.password());
                            watchdog.progress();
                            latency.add(System.nanoTime() - t);
                            return s;
                        } catch (RuntimeException e) {
                            failures.computeIfAbsent(e.getMessage() == null ? e.toString() : e.getMessage(), k -> new LongAdder()).increment();
                            if (attempt == 3) return null;
                        } finally {
                            slots.release();
                        }
                        Thread.sleep(1000L * attempt);
                    }
                }));
            }
        }
        List<ApiSession> signedIn = new ArrayList<>();
        for (Future<@Nullable ApiSession> f : pending) {
            ApiSession s = f.get();
            if (s != null) signedIn.add(s);
        }
        long[] sorted = latency.sorted();
        System.out.printf(Locale.ROOT, "signed in %d of %d sessions in %.1f s (%d at a time): median %s ms, p95 %s ms, max %s ms%n",
                signedIn.size(), sessions, (System.nanoTime() - start) / 1e9, parallel, Samples.ms(Samples.medianMs(sorted)),
                Samples.ms(Samples.percentileMs(sorted, 95)), Samples.ms(Samples.percentileMs(sorted, 100)));
        failures.forEach((why, n) -> System.out.println("  sign-in attempts refused: " + n.sum() + " × " + why));
        if (signedIn.size() < sessions) System.out.println("ERROR: " + (sessions - signedIn.size()) + " sessions could not sign in");
        return signedIn;
    }

    private static void report(Stats warm, Stats measured, double seconds, @Nullable ServerProcess server, List<ApiSession> sessions) {
        long lists = measured.list.count();
        long opens = measured.open.count();
        long errors = measured.errorCount();
        System.out.printf(Locale.ROOT, "%nwarm-up: %d lists, %d opens, %d errors (not counted below)%n",
                warm.list.count(), warm.open.count(), warm.errorCount());
        System.out.printf(Locale.ROOT, "measured %.0f s: %d requests (%d lists + %d opens), %.1f requests/s, %d errors%n",
                seconds, lists + opens + errors, lists, opens, (lists + opens) / seconds, errors);
        System.out.printf(Locale.ROOT, "%-34s | %8s | %8s %8s %8s %8s%n", "operation (ms)", "req/s", "p50", "p95", "p99", "max");
        for (var entry : Map.of("list a page of 50 (random of first pages)", measured.list, "open a message of that page", measured.open)
                .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            long[] s = entry.getValue().sorted();
            System.out.printf(Locale.ROOT, "%-34s | %8.1f | %8s %8s %8s %8s%n", entry.getKey(), s.length / seconds,
                    Samples.ms(Samples.medianMs(s)), Samples.ms(Samples.percentileMs(s, 95)), Samples.ms(Samples.percentileMs(s, 99)),
                    Samples.ms(Samples.percentileMs(s, 100)));
        }
        Map<String, Long> byKind = new TreeMap<>();
        measured.errors.forEach((k, v) -> byKind.put(k, v.sum()));
        System.out.println("errors by kind: " + (byKind.isEmpty() ? "none" : byKind));
        if (server != null) {
            System.out.println("server RSS: max " + mb(server.maxRssKb()) + ", final " + mb(server.lastRssKb()) + " (sampled every second)");
        }
        System.out.println("token refreshes: " + sessions.stream().mapToInt(ApiSession::refreshes).sum()
                + "; load average at the end: " + ReadingBenchmark.loadAverage());
        System.out.println(errors == 0 ? "RESULT load: 0 errors" : "RESULT load: " + errors + " ERRORS");
    }

    private static String mb(long kb) {
        return kb < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
    }

    private static List<User> users(String spec) {
        List<User> users = new ArrayList<>();
        for (String entry : spec.trim().split("[,\\s]+")) {
            int colon = entry.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException("--users wants address:password pairs");
            users.add(new User(entry.substring(0, colon), entry.substring(colon + 1)));
        }
        return users;
    }
}
