package org.vaultmail.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;

/**
 * Accepted sends per second (issue 13): {@code POST /api/v1/outbox} with an API key from {@code --clients}
 * concurrent clients with no pause; a send counts when it was answered 202, which the server does only after the
 * message and its status row are committed. Sets up through the public API what a user would: signs in, connects
 * their own mailbox, creates a {@code send} key (the bench server runs with
 * {@code vaultmail.gateway.api-keys.require-second-factor=false}). Reports throughput, p50/p99/max latency, errors
 * by status, and the server's CPU per accepted message. {@code bench/outbox.sh} starts the server (H2 or
 * PostgreSQL) and runs this; see docs/benchmarks.md.
 */
public final class OutboxBenchmark {

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        String base = o.string("base", "http://127.0.0.1:8080");
        String[] user = o.string("user", "alice@example.test:alice-pass").split(":", 2);
        String to = o.string("to", "bob@example.test");
        int clients = o.integer("clients", 16);
        int textBytes = o.integer("text-bytes", 2000);
        Duration warmup = o.duration("warmup", Duration.ofSeconds(10));
        Duration duration = o.duration("duration", Duration.ofSeconds(30));
        String pid = o.string("server-pid");
        String dbPids = o.string("db-pids"); // the server's PostgreSQL backends (bench/outbox.sh finds them)
        o.checkAllUsed();

        Http http = new Http(base);
        String key = apiKey(http, user[0], user[1]);
        ServerProcess server = pid == null ? null : new ServerProcess(Long.parseLong(pid));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("mailbox", user[0]);
        message.put("to", List.of(to));
        message.put("subject", "Outbox benchmark");
        message.put("text", "x".repeat(textBytes));

        System.out.printf(Locale.ROOT, "clients %d, text %d bytes, warm-up %s, measured %s%n", clients, textBytes, warmup, duration);
        run(http, key, message, clients, warmup, null);
        List<ServerProcess> backends = dbPids == null || dbPids.isBlank() ? List.of()
                : java.util.Arrays.stream(dbPids.split(",")).map(p -> new ServerProcess(Long.parseLong(p.strip()))).toList();
        long cpuBefore = server == null ? -1 : server.cpuNanos();
        long dbBefore = backends.stream().mapToLong(ServerProcess::cpuNanos).sum();
        long clientBefore = ownCpuNanos();
        Result r = run(http, key, message, clients, duration, new Samples());
        long cpu = server == null ? -1 : server.cpuNanos() - cpuBefore;
        long dbCpu = backends.stream().mapToLong(ServerProcess::cpuNanos).sum() - dbBefore;
        long clientCpu = ownCpuNanos() - clientBefore;
        long[] sorted = r.samples.sorted();
        double seconds = duration.toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "accepted: %d in %.0f s = %.0f/s; latency p50 %s ms, p99 %s ms, max %s ms; errors %s%n",
                sorted.length, seconds, sorted.length / seconds, Samples.ms(Samples.percentileMs(sorted, 50)),
                Samples.ms(Samples.percentileMs(sorted, 99)), Samples.ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6),
                r.errors);
        if (cpu >= 0 && sorted.length > 0) {
            System.out.printf(Locale.ROOT, "server CPU: %.1f s over the run = %.2f ms per accepted message (%.0f%% of %d cores)%n",
                    cpu / 1e9, cpu / 1e6 / sorted.length, 100.0 * cpu / duration.toNanos() / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors());
        }
        if (sorted.length > 0) {
            System.out.printf(Locale.ROOT, "client CPU: %.2f ms per accepted message%s%n", clientCpu / 1e6 / sorted.length,
                    backends.isEmpty() ? "" : String.format(Locale.ROOT, "; PostgreSQL CPU (the server's %d backends): %.2f ms per accepted message",
                            backends.size(), dbCpu / 1e6 / sorted.length));
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private record Result(Samples samples, Map<Integer, LongAdder> errors) {
    }

    private static Result run(Http http, String key, Map<String, Object> message, int clients, Duration length,
                              @org.jspecify.annotations.Nullable Samples samples) throws Exception {
        Samples into = samples == null ? new Samples() : samples;
        Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
        long end = System.nanoTime() + length.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        Http.Reply reply = http.postJson("/api/v1/outbox", message, "Authorization", "Bearer " + key);
                        if (reply.status() == 202) into.add(reply.nanos());
                        else errors.computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }
        return new Result(into, errors);
    }

    /** Signs in, connects the user's own mailbox (or finds it connected) and creates a send key; prints no secret. */
    private static String apiKey(Http http, String address, String password) {
        Http.Reply session = http.postJson("/api/v1/sessions", Map.of("address", address, "password", password));
        require(session, 201, "sign-in");
        String bearer = "Bearer " + session.json().get("accessToken").asString();
        Http.Reply connected = http.postJson("/api/v1/mailboxes", Map.of("address", address, "password", password),
                "Authorization", bearer);
        if (connected.status() != 201) {
            Http.Reply list = http.get("/api/v1/mailboxes", "Authorization", bearer, "Accept", "application/json");
            require(list, 200, "list mailboxes after connect answered " + connected.status());
        }
        Http.Reply key = http.postJson("/api/v1/api-keys", Map.of("name", "outbox benchmark", "scopes", List.of("send", "outbox:read")),
                "Authorization", bearer);
        require(key, 201, "create API key");
        JsonNode body = key.json();
        System.out.println("API key " + body.get("prefix").asString() + "… created for " + address);
        return body.get("key").asString();
    }

    private static void require(Http.Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + ": HTTP " + reply.status() + " " + ApiSession.title(reply));
        }
    }
}
